# yield with 0, 1, 2 and 3 arguments; arity mismatches; yield return values.
def zero
  yield
end
def one(x)
  yield x
end
def two(a, b)
  yield a, b
end
def three
  yield 1, 2, 3
end
def gives_array
  yield [10, 20]
end
zero { puts "zero args" }
one(5) { |v| puts "one arg: #{v}" }
two(:a, :b) { |x, y| puts "two args: #{x} #{y}" }
two(:a, :b) { |x| puts "two args, one param: #{x.inspect}" }
one(7) { |x, y| puts "one arg, two params: #{x.inspect} #{y.inspect}" }
three { |a, b| puts "three args, two params: #{a} #{b}" }
three { |a, b, c, d| puts "three args, four params: #{[a, b, c, d]}" }
three { puts "three args, no params" }
gives_array { |x| puts "array to one param: #{x}" }
gives_array { |x, y| puts "array destructured: #{x} and #{y}" }
zero { |x| puts "nothing yielded: #{x.inspect}" }
r = one(3) { |v| v * 10 }
p r
def collect_yields
  out = []
  out << yield(1)
  out << yield(2)
  out << yield(3)
  out
end
p collect_yields { |n| n * n }
p collect_yields { |n| n.even? ? "even" : nil }
def twice
  a = yield
  b = yield
  [a, b]
end
k = 0
p twice { k += 1 }
p k
def pass_through(x)
  yield(x) + yield(x + 1)
end
p pass_through(10) { |v| v * 2 }
def yield_in_interp
  "got <#{yield}>"
end
p yield_in_interp { 2 ** 64 }
def each_pair_of(list)
  i = 0
  while i + 1 < list.size
    yield list[i], list[i + 1]
    i += 1
  end
end
each_pair_of([1, 4, 9, 16]) { |a, b| puts "#{b} - #{a} = #{b - a}" }
