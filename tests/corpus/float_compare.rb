# Float comparisons, <=>, equality with integers.
a = 0.1 + 0.2
b = 0.3
p a == b
p a > b
p a - b
p (a - b).abs < 1e-9
p a <=> b
p b <=> a
p 1.0 <=> 1
p 2.5 > 2
p 2.5 < 3
p -0.0 == 0.0
p -0.0 < 0.0
p 1.0 == 1
p 1e20 == 100000000000000000000
p 1e20 == 100000000000000000001
p 9007199254740993 == 9007199254740992.0
p 9007199254740993 > 9007199254740992.0
p 0.1 * 3 != 0.3
vals = [3.5, -1.25, 0.0, 2e-3, 7.0, 7]
i = 0
while i < vals.size
  j = 0
  line = ""
  while j < vals.size
    c = vals[i] <=> vals[j]
    line = line + c.to_s + " "
    j += 1
  end
  puts line
  i += 1
end
m = vals[0]
vals.each { |v| m = v if v > m }
puts "max: #{m}"
m = vals[0]
vals.each { |v| m = v if v < m }
puts "min: #{m}"
