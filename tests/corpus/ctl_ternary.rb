# The ternary operator, nested and as arguments.
def sign(n)
  n > 0 ? 1 : n < 0 ? -1 : 0
end
[-3, 0, 8].each { |n| p sign(n) }
x = 7
puts x.even? ? "even" : "odd"
puts (x > 5 ? "big" : "small") + "!"
p [x > 1 ? :yes : :no, x > 10 ? :yes : :no]
y = nil
p y ? y : "default"
p y.nil? ? 0 : y
m = 3
n = 9
mx = m > n ? m : n
mn = m < n ? m : n
puts "max=#{mx} min=#{mn}"
i = 0
while i < 6
  print i.even? ? "E" : "O"
  i += 1
end
puts
t = true ? false ? 1 : 2 : 3
p t
v = 1.5 > 1 ? 1.5 * 2 : 0
p v
