# `super (x) {}` with a space before the parenthesis: CRuby 3.1 gives the brace block to
# the command call around it, not to `super`; `super(x) {}` keeps it.
class Base
  def m(a)
    block_given? ? "Base#m got a block" : "Base#m got no block"
  end
end
class Kid < Base
  def tell(a)
    puts a
    block_given? ? "tell got a block" : "tell got no block"
  end
  def m(a)
    puts(tell super (a) { 1 })
    puts(tell super(a) { 1 })
    x = tell super (a) do 1 end
    puts x
    r = tell super ((a)) { |x| x }
    puts r
    self.tell super (a) { }
  end
end
puts Kid.new.m(0)
