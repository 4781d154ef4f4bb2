# Memory under allocation churn: many short-lived small objects, strings and arrays
# made in a loop, with almost nothing kept alive. Peak RSS should stay near the
# interpreter's own floor however many objects pass through.
# Stresses: allocation and collection of short-lived Objects (2-3 ivars), short
# Strings (interpolation, +, <<), small Arrays, a few medium arrays.

class Pair
  attr_reader :a, :b

  def initialize(a, b)
    @a = a
    @b = b
  end
end

class Triple
  attr_reader :x, :y, :z

  def initialize(x, y, z)
    @x = x
    @y = y
    @z = z
  end

  def sum
    @x + @y + @z
  end
end

# A small ring of survivors, rewritten as the loop runs, so a few objects live a while.
ring = Array.new(64, nil)
check = 0
i = 0
while i < 1_200_000
  p = Pair.new(i, i + 1)
  t = Triple.new(p.a, p.b, i & 7)
  s = "k#{i & 1023}-" + "v"
  s << "x"
  arr = [t.sum, s.size, p.a & 15]
  check = (check + arr[0] + arr[1] + arr[2]) % 1_000_000_007
  if (i & 1023) == 0
    ring[(i >> 10) & 63] = [s, t, Array.new(100, i)]
  end
  i += 1
end

# A second phase: strings grown and dropped, arrays built by map.
j = 0
while j < 60_000
  str = "row"
  k = 0
  while k < 8
    str = str + k.to_s
    k += 1
  end
  a = [j, j + 1, j + 2, j + 3].map { |x| x * 2 }
  check = (check + str.size + a[3]) % 1_000_000_007
  j += 1
end

live = 0
ring.each { |r| live += r[2].size unless r.nil? }
puts "check: #{check}"
puts "ring: #{live}"
