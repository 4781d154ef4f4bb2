# Float arithmetic and mixed Integer/Float operations.
a = 7.5
b = 2.0
puts a + b
puts a - b
puts a * b
puts a / b
puts a % b
puts -a % b
puts a % -b
puts -7.5 % 2
puts 7 % 2.5
puts a ** 2
puts b ** -1
puts 0.1 + 0.2
puts 0.1 * 3
puts 1.0 / 3
puts 2.0 / 3
puts 10.0 / 4
puts 7 / 2
puts 7 / 2.0
puts 7.0 / 2
puts 3 + 0.5
puts 0.5 + 3
puts 3 * 1.5
puts 3 - 4.25
puts 1 - 0.9
puts 100 * 1.1
puts -a
puts -(-a)
puts a.abs
puts (-a).abs
puts (-0.0).abs
puts 1e300 * 1e10
puts -1e300 * 1e10
puts 1e-300 * 1e-100
puts 2.5.class
puts (1 + 1.0).class
puts (2 ** 0.5) * (2 ** 0.5)
s = 0.0
10.times { s += 0.1 }
puts s
puts s == 1.0
t = 0.0
i = 1
while i <= 20
  t += 1.0 / i
  i += 1
end
puts "H(20) = #{t}"
c = 1.0
i = 0
while i < 10
  c = c * 1.5 - 0.25
  print c, " "
  i += 1
end
puts
p 3.0 * 1.1, 4.35 * 100, 0.57 * 100, 1.15 * 3
