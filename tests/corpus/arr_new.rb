# Array.new in all its Slice 1 forms, and array literals.
a = Array.new(3)
p a
p a.size
b = Array.new(4, 0)
p b
c = Array.new(5) { |i| i * i }
p c
d = Array.new(0)
p d
p d.empty?
e = Array.new(3, "x")
p e
f = Array.new(3) { |i| "s#{i}" }
p f
g = Array.new(2) { |i| Array.new(3) { |j| i * 3 + j } }
p g
h = []
p h
p h.size
k = [1, "two", 3.0, nil, :five, [6], true]
p k
p k.size
z = Array.new(4) { nil }
p z
w = Array.new(3) { |i| i.even? }
p w
base = 10
v = Array.new(4) { |i| base + i }
p v
p Array.new(2, [1, 2])
p Array.new(3, nil)
p Array.new(2 + 1) { |i| -i }
