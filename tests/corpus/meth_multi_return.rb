# Methods returning several values as arrays, destructured by the caller.
def div_mod(a, b)
  [a / b, a % b]
end
q, r = div_mod(17, 5)
puts "q=#{q} r=#{r}"
q, r = div_mod(-17, 5)
puts "q=#{q} r=#{r}"
pair = div_mod(100, 7)
p pair
def min_max(list)
  lo = list[0]
  hi = list[0]
  list.each do |x|
    lo = x if x < lo
    hi = x if x > hi
  end
  [lo, hi]
end
lo, hi = min_max([5, -2, 9, 0, 3.5])
puts "lo=#{lo} hi=#{hi}"
def stats(list)
  s = list.sum
  return [s, s.to_f / list.size, list.size]
end
total, mean, n = stats([1, 2, 3, 4])
puts "total=#{total} mean=#{mean} n=#{n}"
all = stats([10, 20])
p all
def three
  [1, 2, 3]
end
a, b = three
p a, b
a, b, c, d = three
p [a, b, c, d]
x, y = 5
p x, y
def fib_pair(n)
  a = 0
  b = 1
  n.times { a, b = b, a + b }
  [a, b]
end
p fib_pair(10)
f, g = fib_pair(90)
puts f
puts g
