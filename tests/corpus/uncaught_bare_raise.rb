# Ends with an uncaught exception on purpose: a bare `raise` outside any rescue, which
# CRuby reports as "unhandled exception" (a RuntimeError with an empty message).
def step(n)
  raise if n == 3
  n + 1
end

x = 0
while x < 10
  x = step(x)
  puts x
end
