# Loop-heavy: sieve of Eratosthenes over an Array of booleans, repeated.
# Stresses: `while` loops with Array#[] / Array#[]= on a large array, integer
# arithmetic, conditionals on true/false.

def sieve(limit)
  flags = Array.new(limit + 1, true)
  flags[0] = false
  flags[1] = false
  i = 2
  while i * i <= limit
    if flags[i]
      j = i * i
      while j <= limit
        flags[j] = false
        j += i
      end
    end
    i += 1
  end
  flags
end

def prime_stats(flags)
  count = 0
  sum = 0
  i = 0
  n = flags.size
  while i < n
    if flags[i]
      count += 1
      sum = (sum + i) % 1_000_000_007
    end
    i += 1
  end
  [count, sum]
end

total_count = 0
checksum = 0
round = 0
while round < 36
  flags = sieve(400_000 + round * 1_000)
  stats = prime_stats(flags)
  total_count += stats[0]
  checksum = (checksum * 31 + stats[1]) % 1_000_000_007
  round += 1
end
puts "primes: #{total_count}"
puts "checksum: #{checksum}"
