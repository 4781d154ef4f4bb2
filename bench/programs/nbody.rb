# Float-heavy: an n-body simulation of five bodies (Sun and the outer planets).
# Stresses: Float arithmetic, reading and writing Float instance variables via
# attr_accessor, nested loops over an Array of objects, a Newton-iteration
# square root written in Ruby (Math.sqrt is outside Slice 1).

PI = 3.141592653589793
SOLAR_MASS = 4.0 * PI * PI
DAYS_PER_YEAR = 365.24

def newton_sqrt(x)
  g = (x + 1.0) * 0.5
  k = 0
  while k < 14
    g = 0.5 * (g + x / g)
    k += 1
  end
  g
end

class Body
  attr_accessor :x, :y, :z, :vx, :vy, :vz, :mass

  def initialize(x, y, z, vx, vy, vz, mass)
    @x = x
    @y = y
    @z = z
    @vx = vx * DAYS_PER_YEAR
    @vy = vy * DAYS_PER_YEAR
    @vz = vz * DAYS_PER_YEAR
    @mass = mass * SOLAR_MASS
  end
end

def make_bodies
  sun = Body.new(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
  jupiter = Body.new(4.84143144246472090, -1.16032004402742839, -1.03622044471123109e-01,
                     1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
                     9.54791938424326609e-04)
  saturn = Body.new(8.34336671824457987, 4.12479856412430479, -4.03523417114321381e-01,
                    -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
                    2.85885980666130812e-04)
  uranus = Body.new(12.8943695621391310, -15.1111514016986312, -2.23307578892655734e-01,
                    2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
                    4.36624404335156298e-05)
  neptune = Body.new(15.3796971148509165, -25.9193146099879641, 1.79258772950371181e-01,
                     2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
                     5.15138902046611451e-05)
  [sun, jupiter, saturn, uranus, neptune]
end

def offset_momentum(bodies)
  px = 0.0
  py = 0.0
  pz = 0.0
  bodies.each do |b|
    px += b.vx * b.mass
    py += b.vy * b.mass
    pz += b.vz * b.mass
  end
  sun = bodies[0]
  sun.vx = -px / SOLAR_MASS
  sun.vy = -py / SOLAR_MASS
  sun.vz = -pz / SOLAR_MASS
end

def energy(bodies)
  e = 0.0
  n = bodies.size
  i = 0
  while i < n
    b = bodies[i]
    e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz)
    j = i + 1
    while j < n
      b2 = bodies[j]
      dx = b.x - b2.x
      dy = b.y - b2.y
      dz = b.z - b2.z
      e -= (b.mass * b2.mass) / newton_sqrt(dx * dx + dy * dy + dz * dz)
      j += 1
    end
    i += 1
  end
  e
end

def advance(bodies, dt)
  n = bodies.size
  i = 0
  while i < n
    b = bodies[i]
    j = i + 1
    while j < n
      b2 = bodies[j]
      dx = b.x - b2.x
      dy = b.y - b2.y
      dz = b.z - b2.z
      d2 = dx * dx + dy * dy + dz * dz
      mag = dt / (d2 * newton_sqrt(d2))
      bm = b.mass * mag
      b2m = b2.mass * mag
      b.vx = b.vx - dx * b2m
      b.vy = b.vy - dy * b2m
      b.vz = b.vz - dz * b2m
      b2.vx = b2.vx + dx * bm
      b2.vy = b2.vy + dy * bm
      b2.vz = b2.vz + dz * bm
      j += 1
    end
    i += 1
  end
  bodies.each do |b|
    b.x = b.x + dt * b.vx
    b.y = b.y + dt * b.vy
    b.z = b.z + dt * b.vz
  end
end

bodies = make_bodies
offset_momentum(bodies)
e0 = energy(bodies)
steps = 0
while steps < 120_000
  advance(bodies, 0.01)
  steps += 1
end
e1 = energy(bodies)
puts "energy before (x1e9): #{(e0 * 1.0e9).to_i}"
puts "energy after  (x1e9): #{(e1 * 1.0e9).to_i}"
