# Nested blocks see all enclosing block and method variables.
out = []
[1, 2, 3].each do |a|
  ["x", "y"].each do |b|
    [true, false].each do |c|
      out << "#{a}#{b}#{c ? "T" : "F"}" if a != 2 || c
    end
  end
end
p out
p out.size
table = Array.new(4) { |i| Array.new(4) { |j| (i + 1) * (j + 1) } }
table.each { |row| puts row.map { |v| v < 10 ? " " + v.to_s : v.to_s }.join(" ") }
def nested_yield
  yield 1
  yield 2
end
trace = []
nested_yield do |i|
  nested_yield do |j|
    nested_yield do |k|
      trace << i * 100 + j * 10 + k
    end
  end
end
p trace
depth = 0
[1, 2].each do |a|
  depth += 1
  [3, 4].map do |b|
    depth += 10
    a * b
  end.each { |prod| depth += prod }
end
p depth
pairs = []
1.upto(4) { |i| i.upto(4) { |j| pairs << [i, j] if (i + j).even? } }
p pairs
s = [[1, [2, 3]], [4, [5, 6]]].map { |a, bc| a + bc.inject { |m, n| m * n } }
p s
