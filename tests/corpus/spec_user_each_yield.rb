# A user-defined `each` that yields from inside a block given to Array#each,
# called (3000 times) from methods that have blocks of their own and yield
# too: each `yield` must go to the block of the method it is written in.
class Triple
  def initialize(k)
    @k = k
  end

  def each
    [1, 2, 3].each { |x| yield x * @k }
  end
end

class Summer
  def initialize(t)
    @t = t
  end

  def total
    s = 0
    @t.each do |x|
      s += x
      yield x + 1000
    end
    s
  end

  def count_big(limit)
    c = 0
    @t.each { |x| c += 1 if yield(x) > limit }
    c
  end
end

def drive(n)
  su = Summer.new(Triple.new(10))
  grand = 0
  seen = 0
  big = 0
  i = 0
  while i < n
    grand += su.total { |y| seen += y }
    big += su.count_big(15) { |x| x + i % 3 }
    i += 1
  end
  [grand, seen, big]
end

p drive(3000)
p drive(5)
su = Summer.new(Triple.new(2))
p su.total { |y| p y }
p su.count_big(3) { |x| x }
