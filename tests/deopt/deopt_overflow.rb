# Overflow guard: `grow` is hot with small values, so `x * 2 + 1` and
# `x + step` are compiled to unboxed integer arithmetic with overflow checks.
# Later calls push the accumulator past 2**62, 2**63 and 2**64; the overflow
# guard must fail and the generic path must produce exact big integers.
def grow(x, n)
  i = 0
  while i < n
    x = x * 2 + 1
    i += 1
  end
  x
end

def sum_to(start, n, step)
  acc = start
  i = 0
  while i < n
    acc = acc + step
    i += 1
  end
  acc
end

def square_chain(x, n)
  n.times { x = x * x }
  x
end

# Hot phase: small values only.
check = 0
i = 0
while i < 400
  check += grow(i % 7, 5) + sum_to(i, 10, 3) + square_chain(2, 2)
  i += 1
end
p check

# Around the boundaries of 62, 63 and 64 bits.
p grow(1, 60)
p grow(1, 61)
p grow(1, 62)
p grow(1, 63)
p grow(1, 64)
p grow(1, 100)
p grow(-5, 70)
p grow(3, 61)
p grow(1, 62) == 2**63 - 1

big = 2**62
p sum_to(big - 10, 20, 1)
p sum_to(2**63 - 5, 10, 1)
p sum_to(2**64 - 3, 4, 1)
p sum_to(-(2**63) + 3, 5, -1)
p sum_to(0, 10, 2**61)
p sum_to(2**64, 3, -(2**63))
p sum_to(2**64, 2, -(2**63)).class

p square_chain(2, 5)
p square_chain(3, 4)
p square_chain(2, 6)
p square_chain(2, 7)
p square_chain(-2, 6)

# Back to small values after the big ones.
p grow(2, 3)
p sum_to(5, 5, 5)
p square_chain(2, 3)
p((grow(1, 70) - grow(1, 70) + 7).class)
total = 0
i = 0
while i < 200
  total += grow(i % 3, 4)
  i += 1
end
p total
