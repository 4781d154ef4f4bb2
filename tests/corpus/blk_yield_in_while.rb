# User-defined iterators that yield from inside while loops.
def my_times(n)
  i = 0
  while i < n
    yield i
    i += 1
  end
  n
end
p my_times(4) { |i| print i, " " }
puts
def my_each(list)
  i = 0
  while i < list.size
    yield list[i], i
    i += 1
  end
  list
end
my_each(["a", "b", "c"]) { |x, i| puts "#{i}: #{x}" }
def my_map(list)
  out = []
  my_each(list) { |x, i| out << yield(x) }
  out
end
p my_map([1, 2, 3]) { |x| x * 1.5 }
def my_select(list)
  out = []
  my_each(list) { |x, i| out << x if yield(x) }
  out
end
p my_select([5, 10, 15, 20]) { |x| x % 10 == 0 }
def my_inject(list, acc)
  my_each(list) { |x, i| acc = yield(acc, x) }
  acc
end
p my_inject([1, 2, 3, 4], 0) { |a, x| a + x }
p my_inject(["x", "y"], "") { |a, x| a + x + x }
def countdown(n)
  until n == 0
    yield n
    n -= 1
  end
  "liftoff"
end
p countdown(3) { |k| puts "T-#{k}" }
def step_by(from, to, step)
  x = from
  while x <= to
    yield x
    x += step
  end
end
step_by(0.0, 1.0, 0.25) { |f| print f, " " }
puts
step_by(1, 20, 7) { |v| print v, " " }
puts
def fib_up_to(limit)
  a = 0
  b = 1
  while a <= limit
    yield a
    a, b = b, a + b
  end
end
fibs = []
fib_up_to(100) { |f| fibs << f }
p fibs
