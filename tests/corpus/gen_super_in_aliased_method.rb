# A bug the program generator found (tests/gen), now fixed; this program keeps it fixed.
# `super` inside a method called through an alias looked for the alias's name in
# the superclass (every tier): `super: no superclass method `calc_v1'`. CRuby
# looks for the original name (`calc`) and prints 8, 105.
# Found by the generator (seeds 17, 21, 23, 54, 68 ...).
class A
  def calc(x)
    x
  end
end
class B < A
  def calc(x)
    super(x) * 2
  end
end
b = B.new
p(b.calc(4))
class B
  alias calc_v1 calc
  def calc(x)
    calc_v1(x) + 100
  end
end
p(b.calc(4) + 1 - 4)
