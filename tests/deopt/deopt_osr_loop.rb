# Type guard in a loop entered through OSR. `long_sum` is called only a few
# times, but its loop runs thousands of iterations, so it becomes hot from
# loop back-edges and is entered in optimized code at the loop header while
# the first call is still running. Late in that same call a Float element
# (and later a big Integer) breaks the speculation; the loop must finish
# correctly from where it stopped, and the locals updated before the deopt
# must keep their values.
def long_sum(arr)
  sum = 0
  evens = 0
  i = 0
  while i < arr.size
    x = arr[i]
    sum += x
    evens += 1 if i % 2 == 0
    i += 1
  end
  [sum, evens, i]
end

def countdown(n, step)
  k = n
  steps = 0
  while k > 0
    k -= step
    steps += 1
  end
  [k, steps]
end

data = Array.new(3000) { |j| j % 97 }
p long_sum(data)

data[2500] = 0.5
r = long_sum(data)
p r
p r[0].class

data[2500] = 2**64
data[2999] = -(2**64)
p long_sum(data)

data[10] = 1.25
p long_sum(data)

# A countdown that is hot with an Integer step, then gets a Float step. The
# check of `step` runs once, before the loop (it never changes in the loop), so
# a Float step fails there, even when the loop would not run at all.
p countdown(5000, 1)
p countdown(0, 0.5)
p countdown(5000, 7)
p countdown(1000, 0.5)
p countdown(10, 2.5)
p countdown(2**64, 2**61)
p countdown(100, 3)
