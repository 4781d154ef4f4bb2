# object_id as CRuby 3.1 gives it: an immediate's own encoding, and for a heap object a
# counter read the first time the object is asked (hash asks too), kept for the object's
# life and never given again after it dies.
class Point
  def initialize(x)
    @x = x
  end
end
a = Point.new(1)
s = "text"
p a.object_id, s.object_id, a.object_id
p [1, 2].object_id
p 7.object_id, -3.object_id, nil.object_id, true.object_id, false.object_id
p 2.5.object_id, 1e300.object_id, (2**70).object_id
h = Point.new(2)
p h.hash == h.hash
ids = []
i = 0
while i < 30000
  o = Point.new(i)
  ids << o.object_id if i % 1000 == 0
  [o, o, "garbage #{i}"]
  i += 1
end
p ids.size, ids.uniq.size
p ids.first(3), ids.last
kept = Point.new(3)
before = kept.object_id
20000.times { |j| Point.new(j).object_id }
p kept.object_id == before
p Point.new(4).object_id
