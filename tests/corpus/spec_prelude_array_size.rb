# Array#each, #map, #select, #inject, #each_with_index and #count are
# primitives in CRuby: redefining Array#size, Array#length or Array#[] in Ruby
# does not change which elements they visit. `visit` uses all of them and is
# hot (optimized, with the iterators inlined) before the redefinitions.
def visit(a)
  seen = []
  a.each { |x| seen << x }
  m = a.map { |x| x * 2 }
  s = a.select { |x| x > 1 }
  t = a.inject { |acc, x| acc * 10 + x }
  u = a.inject(5) { |acc, x| acc * 10 + x }
  pairs = []
  a.each_with_index { |x, i| pairs << [x, i] }
  [seen, m, s, t, u, pairs, a.count, a.count { |x| x > 1 }]
end

class Array
  alias orig_size size
  alias orig_index []
end

k = 0
n = 0
while k < 400
  n += visit([k, 1, 2]).size
  k += 1
end
p n
p visit([1, 2, 3])

# Array#size always 1.
class Array
  def size
    1
  end
end
p [1, 2, 3].size
p [1, 2, 3].length
[1, 2, 3].each { |x| p x }
p [1, 2, 3].map { |x| x * 2 }
p [1, 2, 3].select { |x| x > 1 }
p [1, 2, 3].inject { |a, b| a + b }
p [1, 2, 3].inject(10) { |a, b| a + b }
[1, 2, 3].each_with_index { |x, i| p [x, i] }
p [1, 2, 3].count
p visit([1, 2, 3])
p visit([4, 5, 6, 7])

# Array#length always 0 as well.
class Array
  def length
    0
  end
end
p [1, 2, 3].length
p visit([1, 2, 3])
class Array
  alias size orig_size
end
p [1, 2, 3].size

# Array#[] always 99 (size is the original again).
class Array
  def [](i)
    99
  end
end
p [1, 2, 3][0]
[1, 2, 3].each { |x| p x }
p [1, 2, 3].first
p [1, 2, 3].last
p visit([1, 2, 3])
class Array
  alias [] orig_index
end
p [1, 2, 3][0]
p visit([3, 2])
