# case/when with classes (Class#===) including user classes and superclasses.
class Shape
end
class Circle < Shape
end
class Square < Shape
end
class Blob
end
def kind(x)
  case x
  when Integer then "Integer"
  when Float then "Float"
  when String, Symbol then "String or Symbol"
  when NilClass then "nil"
  when TrueClass, FalseClass then "boolean"
  when Array then "Array of #{x.size}"
  when Circle then "a circle"
  when Shape then "some shape"
  else "unknown"
  end
end
vals = [1, 2 ** 80, 1.5, "s", :s, nil, true, false, [1, 2], Circle.new, Square.new, Shape.new, Blob.new]
vals.each { |v| puts kind(v) }
def err_kind(e)
  case e
  when ZeroDivisionError then "zero div"
  when NoMethodError then "no method"
  when NameError then "name error"
  when StandardError then "standard"
  end
end
begin
  1 / 0
rescue => e
  puts err_kind(e)
end
begin
  nil.foo
rescue => e
  puts err_kind(e)
end
begin
  undefined_thing
rescue => e
  puts err_kind(e)
end
begin
  raise "plain"
rescue => e
  puts err_kind(e)
end
p kind(Circle.new).size
p kind(3.0) == kind(3)
