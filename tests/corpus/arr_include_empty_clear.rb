# include? (uses ==), empty?, clear.
a = [1, "two", :three, nil, 4.0, [5]]
p a.include?(1)
p a.include?(1.0)
p a.include?(4)
p a.include?("two")
p a.include?(:three)
p a.include?("three")
p a.include?(nil)
p a.include?(false)
p a.include?([5])
p a.include?(5)
p [].include?(nil)
p a.empty?
p [].empty?
p [nil].empty?
p [[]].empty?
r = a.clear
p r
p r.equal?(a)
p a
p a.empty?
p a.size
a << 1
p a
b = [1, 2, 3]
c = b
b.clear
p c
primes = [2, 3, 5, 7, 11, 13]
i = 0
while i < 15
  puts "#{i} #{primes.include?(i) ? "is" : "is not"} prime"
  i += 1
end
p [2 ** 64].include?(2 ** 64)
p [0.5].include?(0.5)
