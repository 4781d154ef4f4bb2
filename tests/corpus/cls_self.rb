# self at top level, in instance methods, in class bodies and class methods.
puts self
p self
puts self.class
class Node
  puts "in class body self is #{self}"
  attr_reader :value

  def initialize(value)
    @value = value
  end

  def me
    self
  end

  def same_as(other)
    self.equal?(other)
  end

  def value_via_self
    self.value
  end

  def chain_with(other)
    [self.value, other.value]
  end

  def self.who
    self
  end

  def klass_name
    self.class.to_s
  end
end
n = Node.new(5)
p n.me.equal?(n)
p n.same_as(n)
p n.same_as(Node.new(5))
p n.value_via_self
p n.chain_with(Node.new(6))
p Node.who
p Node.who.equal?(Node)
p n.klass_name
p n.me.me.me.value
class Integer
  def twice_self
    self + self
  end
end
p 7.twice_self
def top_self
  self
end
puts top_self
p top_self.equal?(self)
