# `yield` inside a block belongs to the method the block was written in
# (Box#each_item), even when that method is inlined into Holder#get, which has
# a block of its own and whose `self` has an ivar of the same name: every
# result must be the Box's item.
class Box
  def initialize(items)
    @items = items
  end

  def each_item
    [0].each { |i| yield @items[i] }
  end
end

class Holder
  def initialize(box)
    @box = box
    @items = [:WRONG_holder_item]
  end

  def get
    r = nil
    @box.each_item { |x| r = x }
    yield r
  end

  def run
    res = []
    2000.times { get { |z| res << z } }
    res.uniq
  end
end

h = Holder.new(Box.new([:right_box_item]))
p h.run
p h.run
