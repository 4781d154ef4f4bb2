# Block-heavy: core iterators with blocks and chains of them.
# Stresses: Array#each, Integer#times, Array#map / #select / #inject chains,
# Array.new(n) { }, each_with_index, blocks that read and write the enclosing
# method's locals (captured scope), short-lived intermediate arrays.

def each_sum(arr)
  sum = 0
  arr.each { |x| sum += x }
  sum
end

def chain(arr)
  arr.map { |x| x * 3 + 1 }.select { |x| x % 4 != 0 }.inject(0) { |acc, x| (acc + x) % 1_000_003 }
end

def weighted(arr)
  total = 0
  arr.each_with_index do |x, i|
    total += x * (i & 7)
  end
  total
end

data = Array.new(2_000) { |i| (i * 37 + 11) % 1_009 }

checksum = 0
rounds = 0
3_000.times do |r|
  checksum = (checksum + each_sum(data) + r) % 1_000_000_007
  checksum = (checksum * 7 + chain(data)) % 1_000_000_007
  checksum = (checksum + weighted(data)) % 1_000_000_007
  rounds += 1
end

squares = 0
6_000_000.times { |i| squares = (squares + i * i) % 999_983 }

evens = data.select { |x| x.even? }.size
odds = data.select { |x| x.odd? }.size

puts "rounds: #{rounds}"
puts "checksum: #{checksum}"
puts "squares: #{squares}"
puts "evens/odds: #{evens}/#{odds}"
