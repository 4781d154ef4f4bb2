# Basic integer arithmetic, precedence and compound assignment.
a = 17
b = 5
puts a + b
puts a - b
puts a * b
puts a / b
puts a % b
puts -a
puts -(-a)
puts a + b * 2
puts (a + b) * 2
puts a - b - 3
puts a / b / 2
puts 2 * 3 + 4 * 5 - 6 / 2
puts 100 - 2 ** 3 * 4
puts -2 ** 2
puts (-2) ** 2
x = 10
x += 5
puts x
x -= 3
puts x
x *= 4
puts x
x /= 5
puts x
y = 0
i = 1
while i <= 10
  y += i * i
  i += 1
end
puts "sum of squares 1..10 = #{y}"
puts 7.abs
puts -7.abs
puts 0.abs
puts (3 - 10).abs
print 1 + 1, " ", 2 * 21, "\n"
p 1 + 2 * 3, (1 + 2) * 3
puts "#{a} #{b} #{a * b} #{a - b * 4}"
