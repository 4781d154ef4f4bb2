# break with a value out of an inlined block, after a deopt.
# NOTE: break from a block is listed under Slice 2 in docs/language.md (like the
# corpus's blkctl_* programs); a Slice 1 run can skip the blkctl_ programs.
# `first_over` is hot with Integer arrays: Array#each and its block are
# inlined, `x > limit` and `x * 2` are integer operations and `visited` is a
# captured local. Then arrays with Floats arrive: the type guard fails in the
# block, and the `break` that follows (now in IR0) must still end the `each`
# call with the break value, with `visited` counting each element once.
def first_over(arr, limit)
  visited = 0
  found = arr.each do |x|
    visited += 1
    break x * 2 if x > limit
  end
  found = -1 if found.equal?(arr)
  [found, visited]
end

def scan_rows(rows, limit)
  hits = 0
  res = rows.map do |row|
    v = row.each { |x| break x + 100 if x > limit }
    hits += 1 unless v.equal?(row)
    v.equal?(row) ? nil : v
  end
  [res, hits]
end

# Hot phase: Integers.
check = 0
i = 0
while i < 400
  arr = [i % 3, i % 5, i % 7, i % 11, i % 13]
  r = first_over(arr, 8)
  check += r[0] + r[1]
  s = scan_rows([[1, 2], [i % 4, 9]], 2)
  check += s[1]
  puts "hot #{i}: #{r} #{s}" if i % 100 == 7
  i += 1
end
p check

# Floats before and at the break.
p first_over([1, 2.5, 3, 10, 4], 8)
p first_over([1, 2, 8.5, 3], 8)
p first_over([0.5, 1.5], 8)
p first_over([9.75], 8)
p scan_rows([[1, 2.5], [0.5, 1], [3, 1.5]], 2)
p scan_rows([[1.5, 2], [2.25]], 2)

# Integers again.
p first_over([1, 2, 30, 4], 8)
p first_over([1, 2, 3], 8)
p scan_rows([[1, 5], [1, 2]], 2)
