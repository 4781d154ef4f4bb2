# Classes with initialize, instance variables and instance methods.
class Counter
  def initialize(start)
    @count = start
    @history = []
  end

  def increment(by = 1)
    @history << @count
    @count += by
    self
  end

  def value
    @count
  end

  def history
    @history
  end

  def unset_ivar
    @never_assigned
  end
end
c = Counter.new(10)
p c.value
c.increment
c.increment(5).increment(2)
p c.value
p c.history
p c.unset_ivar
p c.class
puts c.class
d = Counter.new(0)
3.times { d.increment(10) }
p d.value
p c.value
class Point
  def initialize(x, y)
    @x = x
    @y = y
  end

  def x
    @x
  end

  def y
    @y
  end

  def add(other)
    Point.new(@x + other.x, @y + other.y)
  end

  def scale(k)
    Point.new(@x * k, @y * k)
  end

  def dist2(other)
    dx = @x - other.x
    dy = @y - other.y
    dx * dx + dy * dy
  end

  def to_s
    "(#{@x}, #{@y})"
  end
end
a = Point.new(1, 2)
b = Point.new(4, 6)
puts a
puts b
puts a.add(b)
puts a.scale(2.5)
p a.dist2(b)
pts = Array.new(4) { |i| Point.new(i, i * i) }
puts pts
acc = Point.new(0, 0)
pts.each { |q| acc = acc.add(q) }
puts "sum: #{acc}"
class Empty
end
e = Empty.new
p e.class
p e.nil?
p e.is_a?(Empty)
p e.is_a?(Object)
