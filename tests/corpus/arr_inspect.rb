# Array#inspect and to_s of every kind of element.
a = [1, -2, 3.5, -0.0, 1e20, 1.0e-05, 2 ** 70, "s", "q\"", "t\t", :sym, nil, true, false, [], [nil], [[1]]]
p a
puts a.inspect
puts a.to_s
puts "#{a}"
puts a.inspect.size
b = a.inspect
p b
p [1, 2].to_s
p [].inspect
p [[], []].to_s
x = [1, 2, 3]
s = x.to_s + "!"
puts s
p [x, x]
y = ["a", ["b", ["c"]]]
puts y.inspect
print y, "\n"
p [1.0 / 0, -1.0 / 0]
p [0.1 + 0.2]
