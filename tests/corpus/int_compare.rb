# Integer comparisons, <=> and mixed int/float comparisons.
vals = [-3, 0, 2, 2, 7]
i = 0
while i < vals.size - 1
  a = vals[i]
  b = vals[i + 1]
  puts "#{a} vs #{b}: < #{a < b} <= #{a <= b} > #{a > b} >= #{a >= b} == #{a == b} != #{a != b} <=> #{a <=> b}"
  i += 1
end
p 1 == 1.0
p 1.0 == 1
p 1 <=> 1.5
p 2 <=> 1.5
p 1.5 <=> 1.5
p 3 < 3.5
p 3.5 > 3
p 1 <=> "a"
p 1 == "1"
p "1" == 1
p 0 == -0
p 0.0 == -0.0
p 5 >= 5.0
p -1 < -0.5
p (2 ** 64) > (2 ** 63)
p (2 ** 64) <=> (2 ** 64)
p (-(2 ** 64)) <=> 0
