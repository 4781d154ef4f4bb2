# A bug the program generator found (tests/gen), now fixed; this program keeps it fixed.
# `alias + -` in Integer (found by the generator, seed 44). CRuby prints -1, -2;
# rebound printed 7, -2 in every tier: the alias was ignored until some Integer
# operator is redefined with `def` (here `%`), after which it took effect.
class Integer
  alias + -
end
p(3 + 4)
class Integer
  def %(o)
    super
  end
end
p(3 + 4 + 1)
