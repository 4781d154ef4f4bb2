# Float#to_s / inspect across many magnitudes (shortest round-trip digits).
vals = [0.1, 0.5, 1.0, 100.0, 2.5e-3, 1.0e-05, 1e-4, 0.001, 123456789.123,
        1e15, 1e16, 1e20, 1.0e+20, 1e100, 1.5e300, 5e-324, 2.5, -0.0, 0.0,
        -1.5, 3.14159, 1.0e-10, 123456789012345.0, 999999999999999.9,
        1234567890123456.0, 9007199254740993.0, 0.30000000000000004,
        1.7976931348623157e308, 4.9e-324, 12.0, 1e2, 1e-2, 6.02e23, 1.602e-19]
vals.each do |v|
  puts v
end
vals.each do |v|
  p v
end
vals.each do |v|
  print v, "|"
end
puts
vals.each do |v|
  puts "[#{v}] #{v.to_s} #{v.inspect}"
end
p vals
x = 1.0
12.times do
  x *= 10.0
  puts x
end
y = 1.0
12.times do
  y /= 10.0
  puts y
end
