# An attr_reader replaced by a method while optimized code reads it. A reader
# made by `attr_reader :x` is a plain instance-variable read, which the
# optimizer inlines into its caller. Phase 1: a hot top-level loop (entered
# through OSR) reads `pt.x`; at iteration 500 it reopens class Pt and
# replaces the reader with `def x; @x * 10; end`, then declares
# `attr_reader :x` again at iteration 800. Phase 2: the hot method `total`
# reads `p.x` and `p.y` of every point; Pt.upgrade (called from its loop at a
# given point) replaces the reader `y` while total's version runs, and
# between calls `x` is redefined at top level.
class Pt
  attr_reader :x, :y

  def initialize(x, y)
    @x = x
    @y = y
  end

  def self.upgrade(what)
    if what == :y
      def y
        @y + 1000
      end
    else
      attr_reader :y
    end
  end
end

# Phase 1.
pt = Pt.new(3, 4)
s = 0
i = 0
while i < 1000
  if i == 500
    class Pt
      def x
        @x * 10
      end
    end
  end
  if i == 800
    class Pt
      attr_reader :x
    end
  end
  v = pt.x
  s += v
  if (i >= 499 && i <= 501) || (i >= 799 && i <= 801)
    puts "iteration #{i}: x=#{v} s=#{s}"
  end
  i += 1
end
puts "phase 1: #{s}"
p pt.x

# Phase 2.
def total(pts, at, what)
  t = 0
  k = 0
  while k < pts.size
    Pt.upgrade(what) if k == at
    q = pts[k]
    t += q.x * 2 + q.y
    puts "#{what} at #{at}, k=#{k}: t=#{t}" if k >= at - 1 && k <= at + 1
    k += 1
  end
  t
end

pts = Array.new(600) { |k| Pt.new(k, k % 10) }
p total(pts, -5, :none)
p total(pts, -5, :none)
p total(pts, 300, :y)
p total(pts, -5, :none)
p pts[7].y
class Pt
  def x
    -@x
  end
end
p total(pts, -5, :none)
p total(pts, 100, :restore)
p pts[7].y
class Pt
  attr_reader :x
end
p total(pts, -5, :none)
p pts[7].x
