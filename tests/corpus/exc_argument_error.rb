# ArgumentError: wrong number of arguments (required and optional parameters),
# plus core methods with bad arguments.
def two(a, b)
  [a, b]
end
def opt(a, b = 1, c = 2)
  [a, b, c]
end
def none
  :none
end
class Pair
  def initialize(l, r)
    @l = l
    @r = r
  end
end
def show
  yield
rescue ArgumentError => e
  puts "#{e.class}: #{e.message}"
end
show { two(1) }
show { two }
show { two(1, 2, 3) }
show { opt }
show { opt(1, 2, 3, 4) }
show { none(1) }
show { Pair.new(1) }
show { Pair.new }
show { [1].first(-1) }
show { Array.new(-1) }
show { 1 < "a" }
show { 2.5 > nil }
show { raise ArgumentError }
p two(1, 2)
p opt(0)
p opt(0, 9)
p none
p ArgumentError.new("m").message
