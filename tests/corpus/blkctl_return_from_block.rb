# return inside a block returns from the enclosing METHOD; next value gives the
# block's value. NOTE: both are listed under Slice 2 in docs/language.md.
def find_first_even(list)
  list.each do |x|
    return x if x.even?
  end
  :none
end
p find_first_even([1, 3, 6, 7, 8])
p find_first_even([1, 3])
def nested_return
  [1, 2].each do |a|
    [3, 4].each do |b|
      return [a, b] if a + b == 5
    end
  end
  :unreachable
end
p nested_return
def return_through_yield
  helper_each([5, 6, 7]) do |x|
    return "returned #{x}" if x == 6
  end
  "finished"
end
def helper_each(list)
  i = 0
  while i < list.size
    yield list[i]
    i += 1
  end
  puts "helper_each completed"
end
p return_through_yield
def with_ensure
  [1, 2, 3].each do |x|
    begin
      return x if x == 2
    ensure
      puts "ensure for #{x}"
    end
  end
  :done
end
p with_ensure
m = [1, 2, 3, 4].map do |x|
  next x * 100 if x.odd?
  x
end
p m
s = [1, 2, 3, 4, 5, 6].select do |x|
  next true if x == 4
  next false if x.even?
  x > 1
end
p s
def yield_values
  a = yield 1
  b = yield 2
  [a, b]
end
p yield_values { |v| next v * 7 }
