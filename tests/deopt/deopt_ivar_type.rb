# Type guard on instance variable values. `Vec#dot`, `Vec#grow` and `norm1`
# read `@x` and `@y`, which held only Integers during the hot phase
# (profiled ivar types), so the reads are unboxed behind type guards. Then
# Vecs with Float and big Integer fields arrive, and an existing object's
# field changes type through a writer; the guards must fail and the results
# be exact.
class Vec
  attr_reader :x, :y
  attr_writer :x

  def initialize(x, y)
    @x = x
    @y = y
  end

  def dot(o)
    @x * o.x + @y * o.y
  end

  def grow(k)
    @x += k
    @y += k
    self
  end

  def to_s
    "(#{@x}, #{@y})"
  end
end

def norm1(v)
  v.x.abs + v.y.abs
end

# Hot phase: Integer fields.
a = Vec.new(1, 2)
check = 0
i = 0
while i < 400
  b = Vec.new(i % 9, -(i % 4))
  check += a.dot(b) + norm1(b)
  a.grow(1) if i % 50 == 0
  i += 1
end
p check
puts a

# Float fields.
f = Vec.new(0.5, -1.5)
p a.dot(f)
p f.dot(a)
p norm1(f)
puts f.grow(1)

# An Integer field of an existing object becomes a Float, then a big Integer.
a.x = 2.25
p a.dot(a)
p norm1(a)
a.x = 2**62
p a.dot(Vec.new(4, 1))
p norm1(a)
puts a.grow(2**62)

# Integers again.
c = Vec.new(3, 4)
p c.dot(c)
p norm1(c)
puts c.grow(-10)
p norm1(c)
