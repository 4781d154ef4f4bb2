# An instance-variable read and write compiled to slot accesses behind a class guard.
# The hot phase only ever sees Cell objects; then a Tagged cell (a subclass whose layout
# puts @v in another slot), a frozen Cell and an object of an unrelated class with the same
# ivar names reach the same sites.

class Cell
  def initialize(v)
    @v = v
    @hits = 0
  end

  def touch(k)
    @hits = @hits + k
    @v + @hits
  end

  def hits
    @hits
  end
end

class Tagged < Cell
  def initialize(tag, v)
    @tag = tag
    super(v)
  end

  def tag
    @tag
  end
end

class Other
  def initialize
    @hits = 100
    @v = -1
  end
end

def poke(c, k)
  c.touch(k)
end

cells = [Cell.new(1), Cell.new(2), Cell.new(3)]
sum = 0
i = 0
while i < 400
  sum += poke(cells[i % 3], i % 7)
  i += 1
end
puts sum
puts cells.map { |c| c.hits }.inspect

t = Tagged.new(:t, 10)
puts poke(t, 5)
puts poke(t, 5)
puts t.hits
puts t.tag.inspect

f = Cell.new(7).freeze
begin
  poke(f, 1)
rescue => e
  puts e.class
end
begin
  poke(f, 1)
rescue FrozenError
  puts f.hits
end

o = Other.new
puts poke(cells[0], 1)
j = 0
acc = 0
while j < 300
  acc += poke(j.even? ? cells[1] : Tagged.new(:x, j), 1)
  j += 1
end
puts acc
puts cells.map { |c| c.hits }.inspect
puts poke(o, 0) rescue puts "no touch for Other"
class Other
  def touch(k)
    @hits = @hits + k
    @v + @hits
  end
end
k = 0
while k < 200
  acc += poke(k % 2 == 0 ? o : cells[2], 2)
  k += 1
end
puts acc
puts o.touch(0)
