# gcd/lcm (iterative and recursive), including big integers and negatives.
def gcd(a, b)
  a = a.abs
  b = b.abs
  while b != 0
    a, b = b, a % b
  end
  a
end
def gcd_rec(a, b)
  b == 0 ? a : gcd_rec(b, a % b)
end
def lcm(a, b)
  a / gcd(a, b) * b
end
pairs = [[12, 18], [17, 5], [0, 9], [9, 0], [100, 75], [-24, 36], [2 ** 40, 6 ** 20], [1071, 462]]
pairs.each do |a, b|
  puts "gcd(#{a}, #{b}) = #{gcd(a, b)}  rec = #{gcd_rec(a.abs, b.abs)}  lcm = #{b == 0 || a == 0 ? 0 : lcm(a, b)}"
end
l = 1
1.upto(40) { |i| l = lcm(l, i) }
puts "lcm(1..40) = #{l}"
acc = 0
1.upto(30) do |i|
  1.upto(30) { |j| acc += 1 if gcd(i, j) == 1 }
end
puts "coprime pairs in 30x30: #{acc}"
def ext_gcd(a, b)
  return [a, 1, 0] if b == 0
  g, x, y = ext_gcd(b, a % b)
  [g, y, x - (a / b) * y]
end
[[240, 46], [99, 78], [17, 3120]].each do |a, b|
  g, x, y = ext_gcd(a, b)
  puts "#{a}*#{x} + #{b}*#{y} = #{g} (check #{a * x + b * y})"
end
