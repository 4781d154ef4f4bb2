# Blocks read and write the enclosing method's locals (a captured scope).
def run
  total = 0
  names = []
  [1, 2, 3, 4].each do |x|
    total += x
    names << "n#{x}"
  end
  puts "total=#{total} names=#{names}"
  flag = false
  3.times { |i| flag = true if i == 2 }
  p flag
  last = nil
  [10, 20, 30].each { |v| last = v }
  p last
  inner_only = 1
  [1].each do |v|
    created_in_block = v + inner_only
    inner_only = created_in_block * 10
  end
  p inner_only
  total
end
p run
x = 100
[1, 2].each { |i| x += i }
p x
y = "outer"
[1].each { |y2| y = y + " modified" }
p y
counter = 0
5.times { counter += 1 }
p counter
shadow = "top"
[1, 2].each do |shadow|
  p shadow
end
p shadow
acc = []
1.upto(3) do |i|
  temp = i * i
  acc << temp
end
p acc
p acc.size
def helper_yield
  v = 1
  yield
  v
end
z = 5
res = helper_yield { z = z * 3 }
p res
p z
def make_list(n)
  list = []
  n.times { |i| list << (i.even? ? list.size : -1) }
  list
end
p make_list(6)
sum = 0
matrix = [[1, 2], [3, 4], [5, 6]]
matrix.each do |row|
  row_sum = 0
  row.each { |v| row_sum += v; sum += v }
  puts "row_sum=#{row_sum}"
end
p sum
