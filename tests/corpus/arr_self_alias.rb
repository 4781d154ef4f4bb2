# Array methods whose argument is the receiver itself: each must read its argument
# before it changes the receiver.
a = [1, 2, 3]
a[0, 1] = a
p a
b = [4, 5]
b.concat(b)
p b
c = [1, 2]
p c + c
p c - c
p c == c
p c * 2
d = [7, 8, 9]
d[1, 2] = d
p d
e = [3]
i = 0
while i < 3
  e.concat(e)
  i += 1
end
p e.size
p e.first(2), e.last(2)
s = "ab"
s << s
puts s
