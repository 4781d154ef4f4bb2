# Integer#* is redefined after `hot` has run often enough to get an optimized
# version that does the multiplication inline; the second call must use the
# new method (42 per iteration).
def hot(n)
  s = 0
  i = 0
  while i < n
    s += i * 3
    i += 1
  end
  s
end
puts hot(30000)
class Integer
  def *(other)
    42
  end
end
puts hot(30000)
puts hot(10)
p 7 * 8
