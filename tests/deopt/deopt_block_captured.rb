# Guard inside an inlined block that mutates captured locals: in `stats`,
# Array#each and its block are inlined and the captured locals `sum`,
# `count` and `biggest` live in registers instead of a scope. Hot with
# Integer arrays; then arrays with Floats arrive and the type guard on
# `sum += x` fails in the middle of the loop. After the deopt the captured
# locals must carry the values they had, and the loop must go on from the
# element where it stopped (every element counted exactly once).
def stats(arr)
  sum = 0
  count = 0
  biggest = nil
  arr.each do |x|
    sum += x
    count += 1
    biggest = x if biggest.nil? || x > biggest
  end
  [sum, count, biggest]
end

def weighted(arr)
  total = 0
  seen = 0
  arr.each_with_index do |x, i|
    total += x * (i + 1)
    seen += 1
  end
  "#{total}/#{seen}"
end

# Hot phase: Integer arrays.
ints = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
check = 0
i = 0
while i < 400
  ints[i % ints.size] = i % 17
  r = stats(ints)
  check += r[0] + r[1] + r[2]
  w = weighted(ints)
  puts "hot #{i}: #{r} #{w}" if i % 100 == 0
  i += 1
end
p check

# Floats in the middle, at the start and at the end.
p stats([1, 2, 3.5, 4, 5])
p stats([0.5, 1, 2, 3])
p stats([1, 2, 3, 4, 10.25])
p stats([1, 2, 2.5, 3, 3.5, 4])
p stats([1.0])
p stats([])
puts weighted([1, 2, 3.5, 4, 5])
puts weighted([10, 20, 30, 0.5])

# A longer array where the Float comes late.
long = Array.new(100) { |k| k }
long[77] = 0.25
r = stats(long)
p r
p r[0].class

# Integers again.
p stats([7, 8, 9])
puts weighted([7, 8, 9])
