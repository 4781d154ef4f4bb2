# Hot loops over integers that cross the boundary between immediate and big
# integers (in both directions) while optimized, then unary minus, abs and +1
# on the values at the edges of 62 and 64 bits. Methods first, then top-level
# loops.
def up(n)
  v = 2**63 - 25000
  i = 0
  while i < n
    v += 1
    i += 1
  end
  v
end

def down(start, delta, n)
  v = start
  i = 0
  while i < n
    v -= delta
    i += 1
  end
  v
end

def near(n)
  base = 4611686018427387903
  s = 0
  last = 0
  i = 0
  while i < n
    last = base + (i % 9)
    s += last
    i += 1
  end
  [last, s]
end

p up(50000)
p up(10)
p down(2**62 + 15000, 1, 30000)
p down(-(2**62) + 15000, 1, 30000)
p down(2**64, 2**60, 40)
p down(5, 1, 3000)
p near(30000)
p near(5)

# The same in top-level loops (entered through OSR).
v = 2**63 - 25000
i = 0
while i < 50000
  v += 1
  i += 1
end
p v
v = 2**63 + 5
c = 0
while v > 2**63 - 30000
  v -= 7
  c += 1
end
p [v, c]
delta = 2**62
v = 0
i = 0
while i < 3000
  v -= delta
  v += delta - 1
  i += 1
end
p v
x = -4611686018427387904
t = 0
i = 0
while i < 3000
  t += (x - i % 3).abs
  t -= -x
  i += 1
end
p t

[4611686018427387903, -4611686018427387904, 9223372036854775807, -9223372036854775808].each { |e| puts "#{e}: neg=#{-e} abs=#{e.abs} plus1=#{e + 1}" }
