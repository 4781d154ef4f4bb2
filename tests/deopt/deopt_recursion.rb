# Recursion with a type change. `fib` is hot with Integer arguments (many
# recursive calls), so `n < 2` and `fib(n - 1) + fib(n - 2)` are specialised
# to integers. Then `fib` is called with a Float: the type guard fails in
# the innermost activation, and every optimized activation above it gets a
# Float result back, so their guards on `+` fail too. `pow2` is hot with
# small results and then recurses deep enough for the product to overflow
# 62 and 64 bits at some inner level. (The `* 1` and `+ 0` put each result
# in a chain of arithmetic, which optimized code unboxes; a lone operation
# on a call's result stays generic there.)
def fib(n)
  if n < 2
    n
  else
    (fib(n - 1) + fib(n - 2)) * 1
  end
end

def pow2(n)
  return 1 if n == 0
  2 * pow2(n - 1) + 0
end

def depth_sum(n, x)
  return x if n == 0
  (x + depth_sum(n - 1, x)) * 1
end

# Hot phase: Integers.
i = 0
while i < 18
  print fib(i), " "
  i += 1
end
puts
p fib(20)
check = 0
i = 0
while i < 300
  check += pow2(i % 20) + depth_sum(i % 15, i)
  i += 1
end
p check

# Floats through the same recursive methods.
p fib(1.5)
p fib(3.5)
p fib(10.5)
p fib(15.25)
p depth_sum(10, 0.5)
p depth_sum(12, 1.25)

# Overflow at an inner level of the recursion.
p pow2(61)
p pow2(62)
p pow2(63)
p pow2(64)
p pow2(100)
p depth_sum(8, 2**60)
p depth_sum(20, 2**62)

# Integers again.
p fib(19)
p fib(19).class
p pow2(10)
p depth_sum(5, 3)
