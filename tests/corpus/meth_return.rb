# return with and without a value, implicit return values, early return.
def implicit
  1
  2
  3
end
p implicit
def explicit_value
  return 42
  puts "unreachable"
end
p explicit_value
def bare_return
  puts "before bare return"
  return
  puts "unreachable"
end
p bare_return
def empty_method
end
p empty_method
def last_is_assignment
  x = 10
end
p last_is_assignment
def last_is_if(n)
  if n > 0
    "pos"
  end
end
p last_is_if(1)
p last_is_if(-1)
def last_is_while
  i = 0
  while i < 3
    i += 1
  end
end
p last_is_while
def early(list)
  i = 0
  while i < list.size
    return "found at #{i}" if list[i] == :target
    i += 1
  end
  "not found"
end
p early([:a, :b, :target, :c])
p early([:a])
def nested_loops_return
  i = 0
  while i < 5
    j = 0
    while j < 5
      return [i, j] if i * j == 6
      j += 1
    end
    i += 1
  end
  nil
end
p nested_loops_return
def returns_puts
  puts "inside"
end
p returns_puts
def ret_array
  return [1, [2, 3]]
end
p ret_array
def ret_nil_explicit
  return nil
end
p ret_nil_explicit
def method_with_puts_value
  v = puts("x")
  v
end
p method_with_puts_value
def returns_method_value
  implicit + explicit_value
end
p returns_method_value
