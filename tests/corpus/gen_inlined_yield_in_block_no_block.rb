# A bug the program generator found (tests/gen), now fixed; this program keeps it fixed.
# `n.times { |i| yield i }` inside a method inlined into a method that passes it
# a block: `no block given (yield) (LocalJumpError)` with
# `--tier opt --jit-threshold 2` (generator seeds 22, 56, 69).
def each_pair(n)
  n.times { |i| yield i, i * 6 }
end
def count_pairs(n)
  c = 0
  each_pair(n) { |a, b| c += a + b }
  c
end
t = 0
i = 0
while i < 600
  t += count_pairs(i % 7)
  i += 1
end
p(t)
