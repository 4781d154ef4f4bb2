# __method__: the name of the method the code is written in, from its blocks too (and
# from an alias, the original name); nil at the top level and in class bodies.
def foo
  p __method__
  [1].each { p __method__ }
  __method__
end
p foo
p __method__
class K
  p __method__
  def bar = __method__
  def self.baz
    [1, 2].map { |x| __method__ }
  end
  alias qux bar
end
p K.new.bar
p K.baz
p K.new.qux
i = 0
while i < 30
  r = K.new.bar
  i += 1
end
p r
