# Class guard in inlined code: the call `shape.area` in `measure` only sees
# Square during the hot phase, so Square#area is inlined behind a class
# guard. Then a Circle, a subclass that overrides `area`, and a subclass
# that does not override it arrive; the guard must fail (or pass, for the
# non-overriding subclass only if it really resolves to the same method).
class Square
  attr_reader :side

  def initialize(side)
    @side = side
  end

  def area
    @side * @side
  end

  def name
    "square"
  end
end

class Circle
  def initialize(r)
    @r = r
  end

  def area
    3 * @r * @r
  end

  def name
    "circle"
  end
end

class BigSquare < Square
  def area
    super * 4
  end

  def name
    "big " + super
  end
end

class PlainSquare < Square
end

def measure(shape)
  shape.area + 1
end

def label(shape)
  "#{shape.name}:#{measure(shape)}"
end

# Hot phase: Squares only.
total = 0
i = 0
while i < 400
  sq = Square.new(i % 13)
  total += measure(sq)
  puts label(sq) if i % 100 == 3
  i += 1
end
p total

# A Circle reaches the inlined Square#area.
c = Circle.new(2)
p measure(c)
puts label(c)

# Subclasses: one overrides area, one inherits it.
b = BigSquare.new(3)
p measure(b)
puts label(b)
ps = PlainSquare.new(3)
p measure(ps)
puts label(ps)

# Squares again, then a mixed sequence.
p measure(Square.new(5))
shapes = [Square.new(1), Circle.new(1), BigSquare.new(1), PlainSquare.new(2), Square.new(3)]
mix = 0
i = 0
while i < 300
  s = shapes[i % shapes.size]
  mix += measure(s)
  i += 1
end
p mix
shapes.each { |s| puts label(s) }

# An object whose class has no `area` at all: NoMethodError through the guard.
begin
  measure(42)
rescue NoMethodError => e
  puts "NoMethodError: #{e.message}"
end
p measure(Square.new(9))
