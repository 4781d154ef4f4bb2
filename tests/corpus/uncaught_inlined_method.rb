# Ends with an uncaught exception on purpose. Once `total` is hot (tier opt), `read` is
# inlined into it; the NoMethodError raised by `read`'s own code is still reported in
# `read', at read's line, as CRuby reports it, not in the method it was inlined into.

class Meter
  def initialize(scale)
    @scale = scale
  end

  def read(i)
    if i == 500
      @scale.calibrate
    end
    @scale * i
  end
end

def total(m, n)
  s = 0
  i = 0
  while i < n
    s += m.read(i)
    i += 1
  end
  s
end

m = Meter.new(3)
30.times { total(m, 10) }
p total(m, 10)
p total(m, 600)
