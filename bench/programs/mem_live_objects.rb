# Memory with a million live small objects: instances with 2-3 instance variables
# held in an array for the whole run, then walked and updated.
# Stresses: the per-object footprint of the heap (header, inline ivars), marking a
# large live heap, collections triggered while most of the heap is live.

class Point
  attr_accessor :x, :y

  def initialize(x, y)
    @x = x
    @y = y
  end
end

class Cell
  attr_accessor :id, :count, :tag

  def initialize(id, count, tag)
    @id = id
    @count = count
    @tag = tag
  end
end

n = 500_000
points = Array.new(n)
cells = Array.new(n)
i = 0
while i < n
  points[i] = Point.new(i, i * 3 % 1000)
  cells[i] = Cell.new(i, 0, i & 15)
  i += 1
end

round = 0
while round < 40
  i = 0
  while i < n
    c = cells[i]
    c.count = c.count + points[i].y
    i += 1
  end
  round += 1
end

sum = 0
i = 0
while i < n
  sum = (sum + cells[i].count * 7 + points[i].x + cells[i].tag) % 1_000_000_007
  i += 1
end
puts "objects: #{points.size + cells.size}"
puts "sum: #{sum}"
