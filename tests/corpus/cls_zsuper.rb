# Zero-argument super passes the method's CURRENT parameter values.
class Base
  def initialize(a, b = 2)
    @a = a
    @b = b
  end

  def show
    "a=#{@a} b=#{@b}"
  end

  def calc(x, y)
    "Base#calc(#{x}, #{y})"
  end

  def opt(x, y = 10)
    "Base#opt(#{x}, #{y})"
  end
end
class Derived < Base
  def initialize(a, b = 5)
    a = a * 100
    super
  end

  def calc(x, y)
    x += 1
    super
  end

  def opt(x, y = 20)
    super
  end
end
class Derived2 < Base
  def calc(x, y)
    "Derived2 wraps " + super + " and " + super(0, 0)
  end
end
p Base.new(1).show
p Derived.new(1).show
p Derived.new(1, 9).show
d = Derived.new(3)
p d.calc(1, 2)
p d.opt(1)
p d.opt(1, 2)
p Derived2.new(0).calc(7, 8)
class Leaf < Derived
  def calc(x, y)
    y = y * 2
    "Leaf -> " + super
  end
end
p Leaf.new(1).calc(1, 1)
p Leaf.new(1).show
