# Object-heavy: many small short-lived objects with attr_accessor fields.
# Stresses: allocation (Class#new + initialize), instance variable reads and
# writes, attr_accessor getters/setters, methods returning fresh objects,
# garbage collection of short-lived objects. Integer-valued to keep floats out.

class Vec
  attr_accessor :x, :y

  def initialize(x, y)
    @x = x
    @y = y
  end

  def add(o)
    Vec.new(@x + o.x, @y + o.y)
  end

  def scale(k)
    Vec.new(@x * k, @y * k)
  end

  def dot(o)
    @x * o.x + @y * o.y
  end

  def wrap(m)
    Vec.new(@x % m, @y % m)
  end
end

class Particle
  attr_accessor :pos, :vel, :hits

  def initialize(pos, vel)
    @pos = pos
    @vel = vel
    @hits = 0
  end

  def step(bound)
    @pos = @pos.add(@vel).wrap(bound)
    if @pos.x == 0 || @pos.y == 0
      @hits += 1
      @vel = Vec.new(@vel.y + 1, @vel.x)
    end
  end
end

particles = Array.new(64) { |i| Particle.new(Vec.new(i, i * 7 % 64), Vec.new(i % 5 + 1, i % 3 + 2)) }

tick = 0
while tick < 25_000
  i = 0
  while i < 64
    particles[i].step(997)
    i += 1
  end
  tick += 1
end

total_hits = 0
checksum = 0
particles.each do |p|
  total_hits += p.hits
  checksum = (checksum * 31 + p.pos.dot(p.vel)) % 1_000_000_007
end

# A second phase: accumulate through scale/add chains, then mutate via setters.
acc = Vec.new(0, 0)
k = 0
while k < 1_500_000
  v = Vec.new(k & 31, k & 63).scale(3)
  acc = acc.add(v).wrap(1_000_003)
  acc.y = acc.y + 1 if (k & 1) == 0
  k += 1
end

puts "hits: #{total_hits}"
puts "checksum: #{checksum}"
puts "acc: #{acc.x} #{acc.y}"
