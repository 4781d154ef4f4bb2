# A tour of the opt tier (docs/opt-tier.md): a method whose `each` and block are
# inlined and unboxed, then a Float element that makes a guard fail.
def total(arr)
  sum = 0
  arr.each { |x| sum += x * 2 }
  sum
end

a = Array.new(100) { |i| i }
r = 0
300.times { r += total(a) }
p r
a[50] = 0.5
p total(a)
