# `next` in an inlined block, across a deopt. In `sum_even_slots` the block
# given to Array#each_with_index skips the elements at odd indexes with
# `next` and adds the others into the captured locals `sum` and `skipped`;
# `count_up` does the same inside an Integer#times block. Hot with Integers;
# then Floats make the type guard in the block fail. Skipped elements must
# stay skipped and every element must be seen exactly once after the deopt.
def sum_even_slots(arr, k)
  sum = 0
  skipped = 0
  arr.each_with_index do |x, i|
    if i.odd?
      skipped += 1
      next
    end
    sum += x * k
  end
  [sum, skipped]
end

def count_up(n, step)
  total = 0
  n.times do |i|
    next if i % 3 == 0
    total += step
  end
  total
end

# Hot phase: Integers.
check = 0
i = 0
while i < 400
  arr = [i % 5, i % 6, 3, i % 9]
  r = sum_even_slots(arr, 3)
  check += r[0] + r[1]
  check += count_up(i % 10, 2)
  puts "hot #{i}: #{r} #{count_up(i % 10, 2)}" if i % 97 == 7
  i += 1
end
p check

# Floats as elements and as the factor.
p sum_even_slots([1, 2, 3.5, 4, 5], 3)
p sum_even_slots([1, 2.5, 3, 4.5], 3)
p sum_even_slots([2, 4, 6], 1.5)
p sum_even_slots([1, 3, 5, 7, 9, 11], 0.5)
p sum_even_slots([2.0, 4, 7], 2)
p count_up(10, 0.25)
p count_up(7, 2)

# Integers again.
p sum_even_slots([1, 2, 3, 4, 5], 3)
p count_up(10, 2)
