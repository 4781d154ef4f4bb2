# Exponentiation: small, large, negative bases, right associativity.
puts 2 ** 10
puts 2 ** 0
puts 0 ** 0
puts 0 ** 5
puts 1 ** 1000
puts (-1) ** 1001
puts (-1) ** 1000
puts (-2) ** 3
puts (-2) ** 63
puts (-2) ** 64
puts 2 ** 62
puts 2 ** 63
puts 2 ** 64
puts 2 ** 100
puts 3 ** 40
puts 10 ** 18
puts 10 ** 19
puts 10 ** 30
puts 2 ** 3 ** 2
puts (2 ** 3) ** 2
puts 7 ** 2 * 2
puts -3 ** 2
puts 2 ** 0.5
puts 4 ** 0.5
puts 2.0 ** 10
puts 1.5 ** 2
n = 1
k = 0
while k <= 70
  puts "2**#{k} = #{2 ** k}" if k % 7 == 0
  k += 1
end
acc = 1
20.times { |j| acc *= 7 }
puts acc
puts acc == 7 ** 20
puts n
