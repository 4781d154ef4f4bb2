# Ends with an uncaught exception on purpose. Integer#upto is in rebound's prelude; CRuby
# compares with `>`, and the ArgumentError names that method at the program's line, in
# every tier (the prelude's code may be inlined into `count_to`).

def count_to(limit)
  n = 0
  1.upto(limit) { |i| n += i }
  n
end

k = 0
while k < 40
  count_to(5)
  k += 1
end
p count_to(10)
p count_to(2.5)
p count_to("ten")
