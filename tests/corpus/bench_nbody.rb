# A small n-body style float simulation (semi-implicit Euler), with a Newton's
# method square root written in Ruby.
def sqrt(x)
  return 0.0 if x == 0.0
  g = x > 1.0 ? x : 1.0
  20.times { g = 0.5 * (g + x / g) }
  g
end
class Body
  attr_accessor :x, :y, :vx, :vy, :m

  def initialize(x, y, vx, vy, m)
    @x = x
    @y = y
    @vx = vx
    @vy = vy
    @m = m
  end

  def to_s
    "pos=(#{@x}, #{@y}) vel=(#{@vx}, #{@vy})"
  end
end
def energy(bodies)
  e = 0.0
  bodies.each_with_index do |b, i|
    e += 0.5 * b.m * (b.vx * b.vx + b.vy * b.vy)
    j = i + 1
    while j < bodies.size
      o = bodies[j]
      dx = b.x - o.x
      dy = b.y - o.y
      e -= b.m * o.m / sqrt(dx * dx + dy * dy)
      j += 1
    end
  end
  e
end
def step(bodies, dt)
  bodies.each_with_index do |b, i|
    j = i + 1
    while j < bodies.size
      o = bodies[j]
      dx = b.x - o.x
      dy = b.y - o.y
      d2 = dx * dx + dy * dy
      mag = dt / (d2 * sqrt(d2))
      b.vx = b.vx - dx * o.m * mag
      b.vy = b.vy - dy * o.m * mag
      o.vx = o.vx + dx * b.m * mag
      o.vy = o.vy + dy * b.m * mag
      j += 1
    end
  end
  bodies.each do |b|
    b.x = b.x + dt * b.vx
    b.y = b.y + dt * b.vy
  end
end
p sqrt(2.0)
p sqrt(144.0)
p sqrt(0.25)
bodies = [
  Body.new(0.0, 0.0, 0.0, 0.0, 10.0),
  Body.new(1.0, 0.0, 0.0, 3.0, 0.1),
  Body.new(-2.0, 0.5, 0.2, -2.0, 0.05),
  Body.new(0.0, 3.0, -1.5, 0.0, 0.01)
]
puts "energy before: #{energy(bodies)}"
10.times do |k|
  step(bodies, 0.01)
  puts "after step #{k + 1}: #{bodies[1]}" if k % 3 == 0
end
bodies.each { |b| puts b }
puts "energy after: #{energy(bodies)}"
