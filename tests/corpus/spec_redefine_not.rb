# A program that defines `!` (or aliases it): `!x` and `not x` call the method, in every
# tier and inside hot loops and inlined methods; `until` still tests truthiness.
class Flag
  def initialize(on)
    @on = on
  end

  def !
    Flag.new(!@on)
  end

  def on?
    @on
  end

  def to_s
    @on ? "on" : "off"
  end
end

class Quiet
  alias ! nil?
end

def flip(f)
  !f
end

f = Flag.new(true)
puts (!f).to_s
puts (not f).to_s
puts flip(flip(f)).to_s
p !Quiet.new
p !nil
p !0
n = 0
i = 0
while i < 200
  g = flip(Flag.new(i.even?))
  n += 1 if g.on?
  i += 1
end
p n
k = 0
until k >= 3
  k += 1
end
p k
