# A `return` in a block returns from the method the block was written in (f),
# also when f and Array#each are inlined into the hot top-level loop: f
# returns -1 for [-1] and nil for [1], so s counts the odd iterations.
def f(a)
  a.each do |x|
    return x if x < 0
  end
  nil
end
s = 0
i = 0
while i < 3000
  s += 1 if f([[1], [-1]][i % 2])
  i += 1
end
p s
p f([1])
p f([-1])
p f([3, -4, -5])
