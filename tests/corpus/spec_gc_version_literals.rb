# Heap literals (a Float too large for an immediate and a big integer) held by
# the optimized version of `lit` must survive garbage collections that happen
# after the version was built: `junk` allocates enough to collect several
# times, and the last `p lit` must still print the right values.
def lit
  [1.0e300, 123456789012345678901234567890]
end
def warm
  j = 0
  s = 0
  while j < 3000
    s = s + lit.size
    j = j + 1
  end
  s
end
def junk(n)
  k = 0
  while k < n
    x = [k.to_s, "y", "z"]
    k = k + 1
  end
  0
end
p warm
junk(400000)
junk(400000)
p lit
