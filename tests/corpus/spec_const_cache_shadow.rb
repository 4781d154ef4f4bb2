# Constant lookups are cached per instruction; every later definition that changes what
# a lookup finds must be seen: a class-level constant shadowing a top-level one, a
# nested class appearing, and the same method run from two lexical scopes' callers.

LIMIT = 3

class Counter
  def limit
    LIMIT
  end

  def scale
    Factor
  end
end

Factor = 10

class Scaled
  def initialize(n)
    @n = n
  end

  def value
    @n * Factor
  end
end

c = Counter.new
total = 0
i = 0
while i < 60
  total += c.limit
  if i == 30
    class Counter
      LIMIT = 100
    end
  end
  i += 1
end
puts total

j = 0
acc = []
while j < 40
  acc << Scaled.new(j).value
  if j == 20
    class Scaled
      Factor = 1
    end
  end
  j += 1
end
puts acc.sum
puts c.scale

class Outer
  Name = "outer"
  def self.name_of
    Name
  end
end

class Inner < Outer
  def self.read
    Name
  end
end

k = 0
seen = []
while k < 30
  seen << Inner.read
  if k == 15
    class Inner
      Name = "inner"
    end
  end
  k += 1
end
puts seen.uniq.inspect
puts Outer.name_of
