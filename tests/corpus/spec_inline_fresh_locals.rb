# A local of a method or block starts as nil at every call, also when the call is
# inlined into a loop of its caller: `x || 0` must see nil each time, not what the last
# run of the inlined copy left.
def bump(a)
  x = (x || 0) + a
  x
end

i = 0
while i < 30
  print bump(1)
  i += 1
end
puts

[1, 2, 3].each do
  [1, 3].each do |k|
    y = (y || 10) + k
    print y, " "
  end
end
puts

def sums(list)
  out = []
  list.each do |v|
    acc = (acc || 100) + v
    out << acc
  end
  out
end
20.times { |n| p sums([n, 1]) if n % 5 == 0 }
