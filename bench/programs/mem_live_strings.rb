# Memory with a million live short strings held in an array for the whole run,
# then read back.
# Stresses: the per-string footprint (object plus character data), marking a large
# live heap of strings, collections while most of the heap is live.

n = 1_000_000
strs = Array.new(n)
i = 0
while i < n
  strs[i] = "s#{i}"
  i += 1
end

total = 0
round = 0
while round < 8
  i = 0
  while i < n
    s = strs[i]
    total = (total + s.size * 31 + s[-1].ord + round) % 1_000_000_007
    i += 1
  end
  round += 1
end

# Rewrite a tenth of them in place, so some strings grow.
i = 0
while i < n
  strs[i] << "!"
  i += 10
end

len = 0
strs.each { |s| len += s.size }
puts "strings: #{strs.size}"
puts "total: #{total}"
puts "length: #{len}"
