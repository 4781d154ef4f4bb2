# next inside blocks skips to the next iteration (the block yields nil).
[1, 2, 3, 4, 5, 6].each do |x|
  next if x.even?
  puts "odd #{x}"
end
r = [1, 2, 3, 4].map do |x|
  next if x == 2
  x * 10
end
p r
s = [1, 2, 3, 4, 5].select do |x|
  next if x == 3
  x > 1
end
p s
count = 0
10.times do |i|
  next unless i % 3 == 0
  count += i
end
p count
def each_twice
  yield 1
  yield 2
  "done"
end
got = []
res = each_twice do |v|
  got << v
  next
  got << "unreachable"
end
p got
p res
total = 0
[[1, 2], [3, -1], [5, 6]].each do |a, b|
  next if b < 0
  total += a * b
end
p total
inner_hits = []
[1, 2].each do |i|
  [1, 2, 3].each do |j|
    next if j == 2
    inner_hits << [i, j]
  end
end
p inner_hits
