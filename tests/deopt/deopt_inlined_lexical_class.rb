# Methods inlined into a hot method of their own class read the class's constants
# after one of their guards fails: the IR0 frame that the deopt rebuilds for an
# inlined method must run with that method's lexical class (Scale, also for the
# singleton method Scale.twice), not Object, where FACTOR means something else.
FACTOR = 1000

class Scale
  FACTOR = 3

  def apply(x)
    y = x * 2
    y + FACTOR
  end

  def self.twice(x)
    x * 2 + FACTOR
  end

  def run(v)
    apply(v) + Scale.twice(v) + FACTOR
  end
end

def drive(s, from, to)
  t = 0
  i = from
  while i < to
    v = i < 500 ? i : i + 0.5
    r = s.run(v)
    t += r
    puts "#{i}: #{r} #{t}" if i % 100 == 0 || (i >= 498 && i <= 502)
    i += 1
  end
  t
end

s = Scale.new
p drive(s, 0, 400)
p drive(s, 400, 700)
p FACTOR
