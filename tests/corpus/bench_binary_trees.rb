# Class-based binary trees (small depths): build, check, count, and a BST.
class TreeNode
  attr_reader :left, :right

  def initialize(left, right)
    @left = left
    @right = right
  end

  def check
    return 1 if @left.nil?
    1 + @left.check + @right.check
  end
end
def bottom_up(depth)
  return TreeNode.new(nil, nil) if depth == 0
  TreeNode.new(bottom_up(depth - 1), bottom_up(depth - 1))
end
min_depth = 4
max_depth = 8
stretch = bottom_up(max_depth + 1)
puts "stretch tree of depth #{max_depth + 1}\t check: #{stretch.check}"
long_lived = bottom_up(max_depth)
d = min_depth
while d <= max_depth
  iterations = 2 ** (max_depth - d + min_depth - 2)
  check = 0
  i = 0
  while i < iterations
    check += bottom_up(d).check
    i += 1
  end
  puts "#{iterations}\t trees of depth #{d}\t check: #{check}"
  d += 2
end
puts "long lived tree of depth #{max_depth}\t check: #{long_lived.check}"
class BST
  def initialize
    @root = nil
    @size = 0
  end

  def insert(v)
    @size += 1
    if @root.nil?
      @root = [v, nil, nil]
      return self
    end
    node = @root
    while true
      idx = v < node[0] ? 1 : 2
      if node[idx].nil?
        node[idx] = [v, nil, nil]
        break
      end
      node = node[idx]
    end
    self
  end

  def in_order(node = @root, out = [])
    return out if node.nil?
    in_order(node[1], out)
    out << node[0]
    in_order(node[2], out)
  end

  def height(node = @root)
    return 0 if node.nil?
    l = height(node[1])
    r = height(node[2])
    1 + (l > r ? l : r)
  end

  def size
    @size
  end
end
t = BST.new
[50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 10, 5, 99].each { |v| t.insert(v) }
p t.in_order
p t.size
p t.height
