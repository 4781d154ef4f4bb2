# Float#to_i (truncation, big results), Integer#to_f, Float#to_s.
fs = [3.7, -3.7, 0.9999, -0.9999, 2.5, -2.5, 1e10, 123456789.987, 0.0, -0.0, 1e18, 1e19, 1e20, -1e20, 1.5e30]
fs.each do |f|
  puts "#{f} -> #{f.to_i}"
end
p 1e20.to_i
p 1e20.to_i.class
p (1e20.to_i + 1)
p 9.99e22.to_i
is = [0, 1, -1, 42, 1000000, 9007199254740993, 2 ** 62, 2 ** 64, 10 ** 25, -(10 ** 25), 3 ** 50]
is.each do |i|
  puts "#{i} -> #{i.to_f}"
end
p 7.to_f / 2
p (7 / 2).to_f
p 7.9.to_i + 0.5
p 1.5.to_s + "!"
p 10.to_s + "?"
p 2.0.to_i.to_f.to_i
p (0.1 + 0.7) * 10
p ((0.1 + 0.7) * 10).to_i
p -0.5.to_i
p 1e15.to_i
p 1e16.to_i
p 12345.6789.to_s
p 100.0.to_s
p 1e100.to_s
p 1.0e-5.to_s
