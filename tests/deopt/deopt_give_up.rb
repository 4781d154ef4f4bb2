# Give-up threshold: `churn` keeps having its speculations broken. Every 200
# calls the program starts a new phase that changes which argument is a
# Float (a different arithmetic site each time), which shape class reaches
# `shape.area`, and now and then pushes `a` past 2**62. After enough deopts
# (the engine's limit, 10 by default) the engine must keep `churn` in its
# conservative tier instead of recompiling it again and again; the output
# must stay correct all along.
class Square
  def initialize(s)
    @s = s
  end

  def area
    @s * @s
  end
end

class Circle
  def initialize(r)
    @r = r
  end

  def area
    3 * @r * @r
  end
end

def churn(a, b, c, d, e, f, shape)
  r = a * 2 + 1
  r = r + b * 3
  r = r - c
  r = r + d * d
  r = r + e / 2
  r = r + f * 7
  r + shape.area
end

grand = 0
phase = 0
while phase < 20
  float_at = (phase + 6) % 7
  sum = 0
  i = 0
  while i < 200
    v = [i, i + 1, i + 2, i % 5, i * 3, i % 9]
    v[float_at] = v[float_at] + 0.5 if float_at < 6
    v[0] = v[0] + 2**62 if phase % 5 == 4
    shape = phase % 3 == 2 ? Circle.new(i % 4) : Square.new(i % 6)
    r = churn(v[0], v[1], v[2], v[3], v[4], v[5], shape)
    sum += r
    puts "  phase #{phase} call #{i}: #{r}" if i == 0 || i == 199
    i += 1
  end
  puts "phase #{phase} (float at #{float_at}): #{sum} #{sum.class}"
  grand += sum
  phase += 1
end
p grand

# After giving up, every kind of argument still gives the right answer.
p churn(1, 2, 3, 4, 5, 6, Square.new(2))
p churn(1.5, 2, 3, 4, 5, 6, Circle.new(1))
p churn(2**64, 2, 3, 4, 5.5, 6, Square.new(3))
p churn(-7, -2, 3, -4, -5, 6, Circle.new(2))
