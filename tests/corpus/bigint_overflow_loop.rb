# Loops whose values cross the 64-bit boundary.
x = 1
i = 0
while i < 70
  x *= 2
  i += 1
  puts "#{i}: #{x}" if i >= 60
end
a = 0
b = 1
n = 0
while n < 100
  t = a + b
  a = b
  b = t
  n += 1
end
puts "fib(100) = #{a}"
y = 9223372036854775800
10.times do |k|
  y += 1
  puts y
end
z = -9223372036854775800
10.times do
  z -= 1
  puts z
end
m = 3
8.times do
  m = m * m
  puts m
end
w = 2 ** 80
while w > 1000
  w /= 1000
  puts w
end
h = 0
1.upto(40) { |j| h = h * 31 + j }
puts h
puts h % 1000000007
