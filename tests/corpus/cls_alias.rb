# alias keeps the OLD body even after the original is redefined.
class Greeter
  def hello
    "hello v1"
  end
  alias old_hello hello
  alias hi hello

  def hello
    "hello v2 (wrapping #{old_hello})"
  end
end
g = Greeter.new
p g.hello
p g.old_hello
p g.hi
class Integer
  alias plus_one_base to_s

  def labelled
    "n=" + plus_one_base
  end
end
p 42.labelled
p (2 ** 65).labelled
class Array
  alias count_items size
end
p [1, 2, 3].count_items
p [].count_items
class Stack
  def initialize
    @items = []
  end

  def push_item(x)
    @items << x
    self
  end
  alias add push_item

  def items
    @items
  end
end
s = Stack.new
s.push_item(1).add(2).add(3)
p s.items
class Stack
  def push_item(x)
    @items << x * 100
    self
  end
end
s.push_item(4).add(5)
p s.items
def top_method
  "top"
end
alias top_alias top_method
def top_method
  "top redefined"
end
p top_method
p top_alias
