# attr_reader calls are read inline by versions (a class guard and the variable's slot).
# What must still hold: a reader redefined as a method while a loop reads through it
# (in the middle of an iteration, and the reads right after it), a reader made to read
# another variable, a subclass that overrides the reader, unset variables, and objects
# of a class whose objects set the variables in another order.

class Point
  attr_reader :x, :y

  def initialize(x, y)
    @x = x
    @y = y
  end
end

class Swapped < Point
  def initialize(x, y)
    @y = y
    @x = x
  end
end

class Loud < Point
  def x
    super * 100
  end
end

class Partial
  attr_reader :a, :b

  def initialize(a)
    @a = a
  end
end

def sum_x(points)
  s = 0
  points.each { |q| s += q.x + q.y }
  s
end

pts = [Point.new(1, 2), Point.new(3, 4)]
t = 0
200.times { t += sum_x(pts) }
puts t
puts sum_x([Swapped.new(5, 6), Point.new(7, 8)])
puts sum_x([Loud.new(1, 1)])
part = Partial.new(4)
n = 0
100.times { n += part.a + (part.b.nil? ? 1 : 0) }
puts n

p1 = Point.new(10, 20)
acc = []
i = 0
while i < 400
  before = p1.x
  if i == 250
    class Point
      def x
        @y + 1
      end
    end
  end
  acc << before + p1.x
  if i == 320
    class Point
      attr_reader :y
      alias x y
    end
  end
  i += 1
end
puts acc.sum
puts acc.uniq.inspect
puts sum_x(pts)
