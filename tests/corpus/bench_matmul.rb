# Matrix multiplication with nested arrays (integers and floats), and powers.
def matmul(a, b)
  n = a.size
  m = b[0].size
  k = b.size
  Array.new(n) do |i|
    Array.new(m) do |j|
      s = 0
      x = 0
      while x < k
        s += a[i][x] * b[x][j]
        x += 1
      end
      s
    end
  end
end
def show(m)
  m.each { |row| puts row.join("\t") }
  puts "--"
end
a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show(matmul(a, b))
show(matmul(b, a))
id = Array.new(3) { |i| Array.new(3) { |j| i == j ? 1 : 0 } }
show(matmul(id, b))
fibm = [[1, 1], [1, 0]]
r = [[1, 0], [0, 1]]
100.times { r = matmul(r, fibm) }
puts "fib(100) via matrix: #{r[0][1]}"
f = [[0.5, 0.25], [0.125, 2.0]]
g = f
5.times do
  g = matmul(g, f)
  p g
end
n = 12
big = Array.new(n) { |i| Array.new(n) { |j| (i * n + j) % 7 - 3 } }
prod = matmul(big, big)
trace = 0
n.times { |i| trace += prod[i][i] }
p trace
p prod[0]
p prod.map { |row| row.sum }.sum
