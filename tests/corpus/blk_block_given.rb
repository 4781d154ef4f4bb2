# block_given? selects behaviour; methods with optional blocks.
def maybe
  if block_given?
    "block returned #{yield.inspect}"
  else
    "no block"
  end
end
p maybe
p maybe { 42 }
p maybe { nil }
p maybe do
  "do-block binds to p, not maybe"
end
r = maybe do
  "do-block bound to maybe"
end
p r
def transform(list)
  return list unless block_given?
  out = []
  list.each { |x| out << yield(x) }
  out
end
p transform([1, 2, 3])
p transform([1, 2, 3]) { |x| x * x }
def inner_check
  block_given?
end
def outer_check
  [block_given?, inner_check]
end
p outer_check
p outer_check { }
def count_calls(n)
  c = 0
  n.times do |i|
    c += 1
    yield i if block_given?
  end
  c
end
p count_calls(3)
p count_calls(3) { |i| print "i=#{i} " }
puts
