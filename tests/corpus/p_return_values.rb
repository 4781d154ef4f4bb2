# p returns its argument(s); puts and print return nil.
a = p
puts "p with no args returned #{a.inspect}"
b = p 1
puts "p 1 returned #{b.inspect}"
c = p 1, "two", :three
puts "p with 3 args returned #{c.inspect}"
p c.size
d = p [1, 2]
puts "p [1, 2] returned #{d.inspect}"
e = puts "hello"
p e
f = print "x\n"
p f
g = p(nil)
p g
h = p(nil, nil)
p h
i = puts
p i
j = puts []
p j
k = p(p(5))
p k
p 1, 2.5, nil, [3, [4]], "s", :sym, true
m = (p "in parens")
p m
