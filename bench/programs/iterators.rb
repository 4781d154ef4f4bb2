# Block-heavy: user-defined methods that yield, nested blocks, upto/downto.
# Stresses: `yield` with one and two arguments, block_given?, blocks nested
# two and three deep that mutate outer locals, Integer#upto / #downto,
# a user-written iterator class, passing results back from blocks.

class Grid
  attr_reader :width, :height

  def initialize(width, height)
    @width = width
    @height = height
    @cells = Array.new(width * height) { |i| (i * 13 + 5) % 17 }
  end

  def each_cell
    y = 0
    while y < @height
      x = 0
      while x < @width
        yield x, y, @cells[y * @width + x]
        x += 1
      end
      y += 1
    end
  end

  def neighbours(x, y)
    if y > 0
      yield @cells[(y - 1) * @width + x]
    end
    if y < @height - 1
      yield @cells[(y + 1) * @width + x]
    end
    if x > 0
      yield @cells[y * @width + x - 1]
    end
    if x < @width - 1
      yield @cells[y * @width + x + 1]
    end
  end
end

def repeat(n)
  i = 0
  while i < n
    yield i
    i += 1
  end
  n
end

def maybe_twice(v)
  if block_given?
    yield(yield(v))
  else
    v
  end
end

grid = Grid.new(60, 40)
total = 0
peaks = 0
1_200.times do |round|
  grid.each_cell do |x, y, v|
    higher = 0
    grid.neighbours(x, y) { |n| higher += 1 if n > v }
    peaks += 1 if higher == 0
    total = (total + v * (round + 1)) % 1_000_003
  end
end

tri = 0
1.upto(3_000) do |i|
  i.downto(1) { |j| tri += (i ^ j) & 3 }
end

nested = 0
repeat(800) do |a|
  repeat(800) do |b|
    nested = maybe_twice(nested) { |t| (t + a * b) % 65_537 }
  end
end
plain = maybe_twice(5)

puts "grid total: #{total} peaks: #{peaks}"
puts "tri: #{tri}"
puts "nested: #{nested} plain: #{plain}"
