# Call-heavy: many small method calls inside loops.
# Stresses: top-level method calls, instance method calls, default arguments,
# class methods (def self.x), `super` chains, polymorphic call sites (several
# receiver classes at one call site), attr_reader calls.

def add3(a, b, c)
  a + b + c
end

def clamp(x, lo = 0, hi = 1000)
  if x < lo
    lo
  elsif x > hi
    hi
  else
    x
  end
end

class Shape
  attr_reader :id

  def initialize(id)
    @id = id
  end

  def weight
    1
  end

  def score(k)
    area * weight + k
  end
end

class Square < Shape
  def initialize(id, side)
    super(id)
    @side = side
  end

  def area
    @side * @side
  end
end

class Rect < Shape
  def initialize(id, w, h)
    super(id)
    @w = w
    @h = h
  end

  def area
    @w * @h
  end

  def weight
    super + 1
  end
end

class Tri < Rect
  def area
    super / 2
  end

  def weight
    super * 2
  end
end

class Counter
  def self.make(start)
    Counter.new(start)
  end

  def initialize(start)
    @n = start
  end

  def step(by)
    @n = (@n + by) % 65_521
    self
  end

  def value
    @n
  end
end

shapes = [Square.new(1, 3), Rect.new(2, 4, 5), Tri.new(3, 6, 7), Square.new(4, 2)]
counter = Counter.make(7)
acc = 0
i = 0
while i < 4_000_000
  s = shapes[i & 3]
  acc = (acc + s.score(i & 7) + s.id) % 1_000_003
  acc = clamp(add3(acc, i & 255, 1), 0, 999_983)
  counter.step(i).step(3)
  i += 1
end
puts "acc: #{acc}"
puts "counter: #{counter.value}"
