# A block passed down through two inlined methods, each of which makes a block of its
# own around it: the versions remove all three closures, and a deopt in the innermost
# inlined method (a redefinition, later) must make them again, each holding the right
# `self` and block.
class Box
  def initialize(items)
    @items = items
  end

  def each_item
    @items.each { |x| yield x }
  end
end

class Holder
  def initialize(box)
    @box = box
    @scale = 2
  end

  def get
    @box.each_item { |x| yield x * @scale }
  end

  def run
    sum = 0
    30.times { get { |v| sum += v } }
    sum
  end
end

h = Holder.new(Box.new([1, 2, 3]))
p h.run
p h.run
class Box
  def each_item
    @items.each { |x| yield x + 100 }
  end
end
p h.run
empty = Holder.new(Box.new([]))
20.times { empty.get {} }
p empty.run

# The same with methods that never yield: the closures are unused, and only the resume
# points hold them.
class Quiet
  def each_item
  end
end

class Relay
  def initialize(q)
    @q = q
  end

  def get
    @q.each_item {}
  end

  def run
    n = 0
    30.times do
      get {}
      n += 1
    end
    n
  end
end

r = Relay.new(Quiet.new)
p r.run
class Quiet
  def each_item
    yield
  end
end
p r.run
