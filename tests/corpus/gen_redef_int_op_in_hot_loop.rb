# A bug the program generator found (tests/gen), now fixed; this program keeps it fixed.
# Integer#/ redefined from inside a hot loop: the version built before the
# redefinition kept computing the builtin division.
# Found by the generator (e.g. seed 1287); failed with `--tier opt --jit-threshold 2`.
class Integer
  alias __g_idiv /
end
t = 0
i = 0
until i >= 400
  t += (i / 2) % 1000
  if i == 200
    class Integer
      def /(o)
        __g_idiv(o) + 1
      end
    end
  end
  i += 1
end
p(t)
