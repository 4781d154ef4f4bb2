# Method redefinition: the top-level `while` loop below gets hot (loop
# back-edges), so the program's main function is compiled with Foo#value and
# `calc` inlined. At iteration 500 the loop body itself reopens class Foo and
# redefines `value`; the very next `obj.value` in the same iteration must see
# the new method (the inlined code is invalidated and the guard against
# redefinition fails: reason method_redefined). Later phases redefine a
# method inlined into a hot user method (`use`), a top-level method with
# `def` inside the loop, and one through `alias`.
class Foo
  def initialize(k)
    @k = k
  end

  def value
    @k + 1
  end
end

def calc(i)
  i * 2
end

def use(obj)
  obj.value * 10
end

obj = Foo.new(4)

# Phase 1: redefinition inside the hot top-level loop.
s = 0
i = 0
while i < 1000
  if i == 500
    class Foo
      def value
        @k * 100
      end
    end
  end
  v = obj.value
  s += v
  puts "iteration #{i}: value=#{v} s=#{s}" if i >= 498 && i <= 502
  i += 1
end
puts "phase 1: #{s}"

# Phase 2: Foo#value inlined into the hot method `use`, then redefined.
t = 0
j = 0
while j < 600
  if j == 300
    class Foo
      def value
        @k - 1
      end
    end
  end
  u = use(obj)
  t += u
  puts "call #{j}: use=#{u} t=#{t}" if j >= 299 && j <= 301
  j += 1
end
puts "phase 2: #{t}"

# Phase 3: a top-level method redefined with `def` inside the hot loop,
# then wrapped through `alias`.
c = 0
j = 0
while j < 900
  if j == 300
    def calc(i)
      i * 3
    end
  end
  if j == 600
    alias calc_before calc
    def calc(i)
      calc_before(i) + 1000
    end
  end
  r = calc(j)
  c += r
  puts "calc #{j}: #{r} c=#{c}" if j % 300 == 0 || j % 300 == 1 || j % 300 == 299
  j += 1
end
puts "phase 3: #{c}"
p calc(1)
p calc_before(1)
p use(Foo.new(10))
