# A bug the program generator found (tests/gen), now fixed; this program keeps it fixed.
# The prelude's Array#map and Integer#times counted with Integer#+, so they obeyed
# its redefinition (CRuby's C implementations do not). Found by the generator
# (seeds 137 and 16). CRuby: 6 elements and 3 lines; interp: 3 elements and 2
# lines; opt at a low threshold: yet other results.
class Integer
  alias __g_iadd +
  def +(o)
    o.is_a?(Integer) ? __g_iadd(o).__g_iadd(1) : __g_iadd(o)
  end
end
p([1, 2, 3, 4, 5, 6].map { |x| x * 2 })
9.times { |k| p(k) if k % 4 == 1 }
