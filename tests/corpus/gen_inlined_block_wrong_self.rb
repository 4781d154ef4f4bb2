# A bug the program generator found (tests/gen), now fixed; this program keeps it fixed.
# A block that yields to the method's block, inside a method of a class that is
# inlined into a hot loop: `@b` read nil (the block ran with the wrong self).
# Found by the generator (seeds 18, 45, 67); `--tier opt --jit-threshold 2`:
# `*': nil can't be coerced into Integer (TypeError)`.
class K
  def initialize(b)
    @b = b
  end
  def each_scaled(arr)
    arr.each { |x| yield x * @b }
  end
end
o = K.new(7)
t = 0
i = 0
while i < 500
  o.each_scaled([3, 1, 4]) { |y| t += y - i }
  i += 1
end
p(t)
