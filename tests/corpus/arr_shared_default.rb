# Array.new(n, obj) repeats the SAME object; the block form makes fresh ones.
shared = Array.new(3, [])
shared[0] << 1
shared[1] << 2
p shared
p shared[0].equal?(shared[2])
fresh = Array.new(3) { [] }
fresh[0] << 1
fresh[1] << 2
p fresh
p fresh[0].equal?(fresh[2])
s = Array.new(2, "str")
p s[0].equal?(s[1])
row = [0, 0]
grid = Array.new(2, row)
grid[0][1] = 5
p grid
p row
inner = [9]
outer = [inner, inner]
inner << 10
p outer
outer[1].pop
p outer
p inner
