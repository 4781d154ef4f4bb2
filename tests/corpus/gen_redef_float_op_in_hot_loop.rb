# A bug the program generator found (tests/gen), now fixed; this program keeps it fixed.
# Float#+ redefined from inside a hot loop (found by the generator, seeds 292, 423).
# Failed with `--tier opt --jit-threshold 2` (and under --deopt-stress).
class Float
  alias __g_fadd +
end
t = 0.0
i = 0
while i < 600
  t += i.to_f / 1000.0
  if i == 250
    class Float
      def +(o)
        __g_fadd(o).__g_fadd(0.5)
      end
    end
  end
  puts("#{i}: #{t}") if i % 100 == 0
  i += 1
end
p(t)
