# Collatz sequence lengths, the longest chain under 3000, and a big start value.
def collatz_len(n)
  steps = 0
  while n != 1
    n = n.even? ? n / 2 : 3 * n + 1
    steps += 1
  end
  steps
end
best = 1
best_len = 0
n = 1
while n < 3000
  l = collatz_len(n)
  if l > best_len
    best = n
    best_len = l
  end
  n += 1
end
puts "longest under 3000: #{best} with #{best_len} steps"
seq = []
x = 27
while x != 1
  seq << x
  x = x.odd? ? 3 * x + 1 : x / 2
end
seq << 1
p seq.size
p seq.first(12)
peak = seq.inject { |m, v| v > m ? v : m }
p peak
big = 2 ** 100 + 1
p collatz_len(big)
lens = Array.new(20) { |i| collatz_len(i + 1) }
p lens
