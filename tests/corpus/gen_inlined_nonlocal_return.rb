# A bug the program generator found (tests/gen), now fixed; this program keeps it fixed.
# `return` from a block inside an inlined method ended the whole program instead
# of returning from the method: `--tier opt --jit-threshold 3` printed nothing
# (generator seeds 24, 44, 135).
def find(arr, lim)
  arr.each do |x|
    return x * 2 if x > lim
  end
  -1
end
t = 0
120.times do |i|
  t += find([3, 1, 4, 1, 5], i % 9 - 2)
end
p(t)
