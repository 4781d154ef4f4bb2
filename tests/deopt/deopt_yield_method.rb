# Deopt inside a user method that yields. `each_pair_sum` walks an array two
# elements at a time and yields their sum and the pair index; `pair_report`
# calls it with a block that mutates its captured locals. Hot with Integer
# arrays, so `each_pair_sum` and its block are inlined into `pair_report`.
# Then a Float element makes the guard on `a + b` (inside the inlined
# yielding method) fail, and later a Float result makes the guard inside the
# inlined block fail; the loop in each_pair_sum and the locals of
# pair_report must continue correctly.
def each_pair_sum(arr)
  i = 0
  n = 0
  while i + 1 < arr.size
    a = arr[i]
    b = arr[i + 1]
    yield a + b, n
    i += 2
    n += 1
  end
  n
end

def pair_report(arr)
  best = nil
  total = 0
  pairs = each_pair_sum(arr) do |s, k|
    total += s * (k + 1)
    best = s if best.nil? || s > best
  end
  [pairs, total, best]
end

def pair_list(arr)
  out = []
  each_pair_sum(arr) { |s, k| out << k << s }
  out
end

# Hot phase: Integer arrays.
check = 0
i = 0
while i < 400
  arr = [i % 4, 1, i % 7, 2, 5, i % 3]
  r = pair_report(arr)
  check += r[0] + r[1] + r[2]
  check += pair_list(arr).size
  puts "hot #{i}: #{r} #{pair_list(arr)}" if i % 100 == 5
  i += 1
end
p check

# Floats in the pairs.
p pair_report([1, 2, 3.5, 4, 5, 6])
p pair_report([1, 2, 3, 4, 5, 6.25, 7])
p pair_report([0.5, 0.25])
p pair_list([1, 2, 1.5, 1, 4, 4])

# A block that itself yields to the block of the method it was written in
# (block_given? guards the call without a block).
def maybe_pairs(arr)
  return "no block" unless block_given?
  each_pair_sum(arr) { |s, k| yield s }
end
p maybe_pairs([1, 2])
t = 0
p maybe_pairs([1, 2, 3, 4.5]) { |s| t += s }
p t

# Integers again.
p pair_report([1, 2, 3, 4, 5, 6])
p pair_list([9, 9, 8, 8])
