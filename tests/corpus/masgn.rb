# Multiple assignment: swap, destructuring, missing values become nil, extras dropped.
a = 1
b = 2
a, b = b, a
p [a, b]
x, y, z = 1, 2, 3
p [x, y, z]
m, n = 1
p m
p n
c, d = 1, 2, 3
p c, d
e, f = [10, 20]
p e, f
g, h = [30]
p g, h
i, j = nil
p i, j
k, l = [[1, 2], 3]
p k, l
s, t = "st"
p s, t
u, v = :sym, [1, 2]
p u, v
arr = [5, 6, 7]
p1, p2 = arr
p [p1, p2]
r1, r2 = arr[2], arr[0]
p [r1, r2]
q1 = q2 = 9
p [q1, q2]
aa = 1
bb = 2
cc = 3
aa, bb, cc = cc, aa, bb
p [aa, bb, cc]
w1, w2 = w2, 5
p [w1, w2]
fa = 0
fb = 1
10.times { fa, fb = fb, fa + fb }
p fa
lst = [[1, "one"], [2, "two"], [3, "three"]]
lst.each do |pair|
  num, name = pair
  puts "#{num} is #{name}"
end
def inner_swap(a, b)
  a, b = b, a
  [a, b]
end
p inner_swap(:left, :right)
