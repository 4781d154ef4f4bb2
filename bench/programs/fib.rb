# Call-heavy: naive doubly recursive Fibonacci.
# Stresses: method call and return overhead, argument passing, integer
# comparison and addition on small integers, recursion depth ~30.

def fib(n)
  if n < 2
    n
  else
    fib(n - 1) + fib(n - 2)
  end
end

total = 0
4.times do |k|
  total += fib(32 + k)
end
puts "fib(32..35) sum: #{total}"
puts "fib(25): #{fib(25)}"
