# Nested blocks in an inlined iterator: `grid` runs `Integer#times` inside
# `Array#each`; both iterators and both blocks are inlined, and the inner
# block writes `total` and `cells`, locals of `grid` captured by two block
# levels. Hot with an Integer weight; then a Float weight makes the type
# guard in the innermost block fail partway through the nested loops. The
# deopt must rebuild every level (grid, each, outer block, times, inner
# block) and both loops must resume where they were.
def grid(rows, w)
  total = 0
  cells = 0
  rows.each do |r|
    r.times do |j|
      total += w * j + r
      cells += 1
    end
    total += 1000
  end
  [total, cells]
end

def tri(n, bonus)
  out = []
  n.times do |a|
    row = 0
    (a + 1).times { |b| row += b + bonus }
    out << row
  end
  out
end

# Hot phase: Integer weights.
check = 0
k = 0
while k < 300
  g = grid([1, 2, 3, k % 5], k % 4)
  check += g[0] + g[1]
  t = tri(k % 6, k % 3)
  check += t.size
  puts "hot #{k}: #{g} #{t}" if k % 75 == 0
  k += 1
end
p check

# Float weight: the guard fails inside the inner block.
p grid([1, 2, 3, 4], 0.5)
p grid([3, 0, 2], 1.25)
p grid([5], 2.0)
p tri(4, 0.5)
p tri(3, 1)

# A zero Float weight: the results are still Floats.
p grid([2, 2, 2, 6], 0.0)

# Integer weights whose products leave 62 and 64 bits in the middle of the
# nested loops (overflow guard in the inner block).
p grid([1, 2, 3, 4], 2**61)
p grid([4, 1], 2**63 + 1)
p tri(3, 2**62 - 1)

# Integers again.
p grid([1, 2, 3, 4], 3)
p tri(5, 2)
