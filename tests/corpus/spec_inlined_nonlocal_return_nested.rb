# Non-local `return` two levels down: the hot method `drive` calls `middle`,
# which calls `inner`, whose block (inside a nested block) returns from
# `inner` only; `middle` must go on with that value, and `drive` must see
# middle's own result. Also a `return` from a block inside a block of the
# hot method itself.
def inner(rows)
  rows.each do |row|
    row.each do |x|
      return x * 10 if x < 0
    end
  end
  0
end

def middle(rows)
  r = inner(rows)
  r + 1
end

def drive(n)
  total = 0
  neg = 0
  i = 0
  while i < n
    rows = [[1, 2], [3, -(i % 4)], [-7]]
    v = middle(rows)
    neg += 1 if v < 0
    total += v
    i += 1
  end
  [total, neg]
end

def first_row_with_neg(rows)
  k = 0
  rows.each do |row|
    row.each do |x|
      return k if x < 0
    end
    k += 1
  end
  -1
end

p drive(3000)
p drive(4)
p middle([[5], [6]])
p middle([[5], [-6]])
s = 0
j = 0
while j < 2000
  s += first_row_with_neg([[1], [2, 3], [j % 5 - 2], [-1]])
  j += 1
end
p s
p first_row_with_neg([[1], [2]])
