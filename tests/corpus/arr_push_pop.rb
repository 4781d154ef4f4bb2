# <<, push (several args), pop, return values and chaining.
a = []
r = a << 1
p r
p r.equal?(a)
a << 2 << 3
p a
a.push(4)
a.push(5, 6, 7)
p a
x = a.push
p x
p a.push(8).size
p a.pop
p a.pop
p a
p a.size
b = [1]
p b.pop
p b.pop
p b.pop
p b
b << nil
p b
p b.pop
p b.size
stack = []
10.times { |i| stack.push(i * i) }
p stack
sum = 0
while !stack.empty?
  v = stack.pop
  sum += v
  print v, " "
end
puts
p sum
nested = [[1], [2]]
nested << [3, 4]
nested[0] << 10
nested.push([], [[5]])
p nested
p nested.pop
p nested
p [1, 2].push([3, 4])
c = [1, 2, 3]
c << c.size
c.push(c.pop * 10)
p c
