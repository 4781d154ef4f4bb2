# Integer#times, upto, downto: block arguments and return values.
r = 4.times { |i| print i, " " }
puts
p r
r = 3.upto(6) { |i| print i, " " }
puts
p r
r = 6.downto(3) { |i| print i, " " }
puts
p r
p 0.times { puts "never" }
p 5.upto(4) { puts "never" }
p 4.downto(5) { puts "never" }
p -2.upto(2) { |i| print i * i, " " }
puts
acc = []
10.downto(1) { |i| acc << i if i % 3 == 1 }
p acc
sum = 0
1.upto(100) { |i| sum += i }
p sum
prod = 1
1.upto(25) { |i| prod *= i }
p prod
tri = []
1.upto(4) do |row|
  line = []
  row.downto(1) { |c| line << c }
  tri << line
end
p tri
big = 2 ** 64
cnt = 0
big.upto(big + 3) { |v| cnt += 1; puts v }
p cnt
3.times do |a|
  a.times { |b| print "(#{a},#{b})" }
end
puts
