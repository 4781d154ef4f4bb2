# Array#[] and #[]= with negative, out-of-range and growing indexes.
a = [10, 20, 30, 40, 50]
p a[0]
p a[4]
p a[5]
p a[100]
p a[-1]
p a[-5]
p a[-6]
p a[-100]
a[0] = 11
a[-1] = 55
a[-2] += 1
p a
a[7] = 80
p a
p a.size
a[5] = 60
p a
b = []
b[3] = "x"
p b
b[0] = "first"
p b
c = [1, 2, 3]
c[3] = 4
p c
c[-4] = 0
p c
n = [[1, 2], [3, 4]]
n[1][0] = 30
n[0][-1] *= 10
p n
n[2] = [5]
n[2][2] = 7
p n
p n[2][1]
p n[3]
counts = Array.new(5, 0)
[1, 3, 3, 4, 1, 1, 0].each { |x| counts[x] += 1 }
p counts
e = [1]
e[2] ||= 5
e[0] ||= 9
e[2] &&= 6
e[1] &&= 7
p e
r = (a[1] = 99)
p r
p a
p [10, 20, 30][1.9]
p [10, 20, 30][-1.5]
