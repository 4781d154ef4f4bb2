# Class#new with initialize methods of several shapes (required parameters, super and
# a block, none at all, an optional parameter), a wrong argument count, and initialize
# redefined while new is hot.
class P
  def initialize(a, b)
    @a = a
    @b = b
  end
  attr_reader :a
end
class Q < P
  def initialize(x)
    super(x, x)
    yield self if block_given?
  end
end
class R
end
class S
  def initialize(a, b = 2)
    @s = a + b
  end
end
i = 0
t = 0
while i < 3000
  t += P.new(i, 1).a + Q.new(i).a + Q.new(1) { |q| t += 1 }.a
  R.new
  S.new(1)
  i += 1
end
p t
begin
  P.new(1)
rescue ArgumentError => e
  p e.message
end
class P
  def initialize(a, b)
    @a = -a
  end
end
p P.new(4, 5).a
f = P.new(1, 2).freeze
p f.frozen?
p Q.new(3).a
class P
  def initialize(a, b)
    raise "boom"
  end
end
begin
  P.new(1, 2)
rescue => e
  p e.message
end
