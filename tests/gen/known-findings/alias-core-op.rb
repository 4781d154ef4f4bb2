# `alias + -` in Integer (found by the generator, seed 44). CRuby prints -1, -2;
# rebound prints 7, -2 in every tier: the alias is ignored until some Integer
# operator is redefined with `def` (here `%`), after which it takes effect.
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
