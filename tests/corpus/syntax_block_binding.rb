# A brace block binds to the nearest call, a do block to the outermost one.
def show(arg)
  p arg
  yield 5 if block_given?
end
show [1].map { |x| x * 2 } do |y|
  p y
end
def twice
  yield
  yield
end
twice { print "a" }
puts
# `a{ |x| x }` calls a method `a` with the block, even after a local `a`.
a = 1
p a { |x| x }
