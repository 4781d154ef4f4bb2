# The value of begin/rescue/else/ensure expressions and of def-rescue bodies.
a = begin
  10
rescue
  20
end
p a
b = begin
  raise "x"
  10
rescue
  20
end
p b
c = begin
  10
rescue
  20
else
  30
ensure
  40
end
p c
d = begin
  raise "y"
rescue
  20
else
  30
ensure
  40
end
p d
def body_rescue(v)
  100 / v
rescue ZeroDivisionError
  -1
else
  :else_value
ensure
  :ensure_value
end
p body_rescue(5)
p body_rescue(0)
def body_rescue_no_else(v)
  100 / v
rescue ZeroDivisionError => e
  e.message
end
p body_rescue_no_else(3)
p body_rescue_no_else(0)
e = begin
end
p e
f = begin
  raise "z"
rescue
end
p f
list = [1, 0, 4].map do |v|
  begin
    12 / v
  rescue ZeroDivisionError
    nil
  end
end
p list
