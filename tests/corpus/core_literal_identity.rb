# A literal that is a heap object (an Integer outside the fixnum range, a Float outside
# the flonum range) is one object per literal site, in every tier: the same object
# each time its code runs, in a hot loop and in an inlined method.
def big = 18446744073709551616
def huge = 1e300
def wide = 4611686018427387904
b0, h0, w0 = big, huge, wide
first = nil
ids = []
same = 0
i = 0
while i < 3000
  x = 36893488147419103232
  first ||= x
  same += 1 if x.equal?(first)
  same += 1 if big.equal?(b0)
  same += 1 if huge.equal?(h0)
  same += 1 if wide.equal?(w0)
  f = 1e-300
  ids << f.object_id if i % 500 == 0
  i += 1
end
p same, ids.uniq.size
p 18446744073709551616.equal?(big), b0.object_id == big.object_id
# The fuzzer's shape (seed 537483): the literal's id in a modulo in a hot loop.
same_id = []
first_id = nil
k = 0
while k < 30
  id = 9223372036854775808.object_id
  first_id ||= id
  same_id << (id % (k += 1) == first_id % k)
end
p same_id.uniq
