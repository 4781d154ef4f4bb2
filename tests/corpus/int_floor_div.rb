# Integer division and modulo round toward negative infinity.
pairs = [[7, 2], [-7, 2], [7, -2], [-7, -2], [6, 3], [-6, 3], [1, 5], [-1, 5],
         [1, -5], [0, 7], [0, -7], [13, 13], [-13, 13], [100, -7], [-100, 7]]
pairs.each do |pair|
  a = pair[0]
  b = pair[1]
  q = a / b
  r = a % b
  check = q * b + r
  puts "#{a} / #{b} = #{q}, #{a} % #{b} = #{r}, q*b+r = #{check}"
end
min = -9223372036854775808
puts min
puts min / -1
puts min % -1
puts min / 2
puts min % 7
puts -min
puts min.abs
puts min - 1
max = 9223372036854775807
puts max + 1
puts max * 2
puts max / -2
puts max % -10
puts (-max) / 3
i = -10
while i <= 10
  print i / 3, " "
  i += 1
end
puts
i = -10
while i <= 10
  print i % 3, " "
  i += 1
end
puts
i = -10
while i <= 10
  print i % -3, " "
  i += 1
end
puts
