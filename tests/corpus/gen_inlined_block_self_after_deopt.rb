# A bug the program generator found (tests/gen), now fixed; this program keeps it fixed.
# A block given to `each`/`inject` inside an inlined method reads `@a`; after a
# deopt it read nil. Passed plain `--tier opt`, failed with
# `--tier opt --jit-threshold 5 --deopt-stress=771`:
# `*': nil can't be coerced into Integer (TypeError)` (generator seed 153; with --no-core-redef --no-user-redef, seed 5026).
class K
  def initialize(a)
    @a = a
  end
  def scaled(arr)
    arr.inject(0) { |s, x| s + x * @a }
  end
end
o = K.new(3)
t = 0
300.times { t += o.scaled([3, 1, 4, 1, 5]) }
p(t)
