# Nested arrays: building, indexing, mutating through aliases, recursion.
grid = Array.new(3) { |r| Array.new(4) { |c| r * 4 + c } }
p grid
grid.each { |row| puts row.join(" ") }
p grid[1][2]
p grid[-1][-1]
grid[2][0] = [99, [100]]
p grid
p grid[2][0][1][0]
t = []
3.times do |i|
  row = []
  (i + 1).times { |j| row << j }
  t << row
end
p t
p t.map { |row| row.size }
p t.map { |row| row.sum }
def flat(a, out)
  a.each do |x|
    if x.is_a?(Array)
      flat(x, out)
    else
      out << x
    end
  end
  out
end
deep = [1, [2, [3, [4, [5, []]]]], 6, [[7]]]
p deep
p flat(deep, [])
def depth(a)
  return 0 unless a.is_a?(Array)
  d = 0
  a.each do |x|
    k = depth(x)
    d = k if k > d
  end
  d + 1
end
p depth(deep)
p depth([])
p depth(5)
cyc = [1, 2]
cyc << cyc
p cyc
puts cyc.inspect
p cyc.size
p cyc[2][2][0]
m = [[1, 2], [3, 4]]
tr = Array.new(2) { |i| Array.new(2) { |j| m[j][i] } }
p tr
p [[], [[]], [[], [[]]]]
