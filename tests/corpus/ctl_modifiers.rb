# Statement modifiers: if, unless, while, until.
x = 5
puts "x is five" if x == 5
puts "not printed" if x == 6
puts "x is not six" unless x == 6
y = 1
y *= 3 while y < 100
p y
z = 100
z -= 7 until z < 50
p z
a = []
a << a.size while a.size < 4
p a
v = (10 if x > 3)
p v
w = (10 if x > 30)
p w
u = (10 unless x > 30)
p u
def first_negative(list)
  i = 0
  while i < list.size
    return list[i] if list[i] < 0
    i += 1
  end
  nil
end
p first_negative([3, 1, -4, 1, -5])
p first_negative([1, 2])
count = 0
[1, 2, 3, 4, 5, 6].each { |e| count += e if e.even? }
p count
s = ""
s = s + "a" until s.size >= 3
p s
n = 0
n += 1 if n == 0
n += 1 if n == 0
p n
