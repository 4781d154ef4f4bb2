# Flip-flop: the call `obj.step(v)` in `drive` sees only Walker for the
# first 1000 calls (inlined behind a class guard), then only Jumper for 1000
# calls, then Walker again, and so on. The first switch fails the class
# guard; later switches must stay correct, and the engine must settle (a
# polymorphic version, or giving up after its deopt limit) instead of
# deoptimizing on every switch.
class Walker
  def initialize
    @pos = 0
  end

  def step(v)
    @pos += v
    @pos
  end

  def kind
    "walker"
  end
end

class Jumper
  def initialize
    @pos = 0
  end

  def step(v)
    @pos += v * 3 - 1
    @pos
  end

  def kind
    "jumper"
  end
end

def drive(obj, v)
  obj.step(v) + 1
end

walker = Walker.new
jumper = Jumper.new
phase = 0
while phase < 10
  obj = phase.even? ? walker : jumper
  sum = 0
  last = 0
  i = 0
  while i < 1000
    last = drive(obj, i % 7)
    sum += last
    i += 1
  end
  puts "phase #{phase} #{obj.kind}: sum=#{sum} last=#{last}"
  phase += 1
end

# Short alternations after the long phases.
objs = [walker, jumper, jumper, walker]
acc = 0
i = 0
while i < 400
  acc += drive(objs[i % 4], i % 5)
  i += 1
end
p acc
p drive(walker, 0)
p drive(jumper, 0)
