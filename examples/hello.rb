# A small tour of what rebound runs today: classes, blocks, exceptions, big integers.
class Shape
  attr_reader :name

  def initialize(name)
    @name = name
  end

  def describe
    "#{name} with area #{area}"
  end
end

class Square < Shape
  def initialize(side)
    super("square")
    @side = side
  end

  def area
    @side * @side
  end
end

class Circle < Shape
  def initialize(r)
    super("circle")
    @r = r
  end

  def area
    3.14159 * @r * @r
  end
end

shapes = [Square.new(3), Circle.new(1.5), Square.new(10)]
shapes.each { |s| puts s.describe }
total = shapes.map { |s| s.area }.sum
puts "total area: #{total}"

def factorial(n)
  n <= 1 ? 1 : n * factorial(n - 1)
end
puts "30! = #{factorial(30)}"

begin
  [1, 2, 0].each { |d| puts 100 / d }
rescue ZeroDivisionError => e
  puts "rescued: #{e.message}"
end
