# Sieve of Eratosthenes up to 2000, with per-block prime counts.
def sieve(n)
  flags = Array.new(n + 1, true)
  flags[0] = false
  flags[1] = false
  i = 2
  while i * i <= n
    if flags[i]
      j = i * i
      while j <= n
        flags[j] = false
        j += i
      end
    end
    i += 1
  end
  primes = []
  flags.each_with_index { |f, k| primes << k if f }
  primes
end
primes = sieve(2000)
p primes.size
p primes.first(15)
p primes.last(5)
p primes.sum
block = 0
while block < 2000
  c = primes.count { |q| q >= block && q < block + 250 }
  puts "[#{block}, #{block + 250}): #{c}"
  block += 250
end
twins = 0
i = 0
while i + 1 < primes.size
  twins += 1 if primes[i + 1] - primes[i] == 2
  i += 1
end
puts "twin prime pairs: #{twins}"
gaps = Array.new(primes.size - 1) { |k| primes[k + 1] - primes[k] }
maxgap = gaps.inject { |m, g| g > m ? g : m }
puts "largest gap: #{maxgap}"
