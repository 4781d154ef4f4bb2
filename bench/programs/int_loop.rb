# Loop-heavy: integer arithmetic in nested `while` loops.
# Stresses: integer +, *, %, &, ^, >>, comparisons, local variable updates,
# loop back-edges. No allocation, few calls (one per phase).

def sum_squares_mod(n, m)
  s = 0
  i = 0
  while i < n
    s = (s + i * i) % m
    i += 1
  end
  s
end

def nested_xor(n)
  total = 0
  i = 0
  while i < n
    j = 0
    while j < n
      total += (i ^ j) & 15
      j += 1
    end
    i += 1
  end
  total
end

def collatz_longest(limit)
  best_len = 0
  best_start = 0
  start = 1
  while start < limit
    x = start
    len = 1
    until x == 1
      if (x & 1) == 0
        x = x >> 1
      else
        x = 3 * x + 1
      end
      len += 1
    end
    if len > best_len
      best_len = len
      best_start = start
    end
    start += 1
  end
  [best_start, best_len]
end

a = sum_squares_mod(10_000_000, 1_000_003)
b = nested_xor(2_200)
c = collatz_longest(200_000)
puts "sum_squares_mod: #{a}"
puts "nested_xor: #{b}"
puts "collatz: #{c[0]} #{c[1]}"
