# Object-heavy: binary-trees style allocation of complete binary trees.
# Stresses: allocating many small objects, recursion that builds and walks
# them, nil checks, a long-lived tree surviving many collections while
# short-lived trees are created and dropped.

class TreeNode
  attr_reader :left, :right, :value

  def initialize(left, right, value)
    @left = left
    @right = right
    @value = value
  end

  def check
    if @left.nil?
      1
    else
      1 + @left.check + @right.check
    end
  end

  def sum
    if @left.nil?
      @value
    else
      @value + @left.sum - @right.sum
    end
  end
end

def bottom_up_tree(depth, value)
  if depth == 0
    TreeNode.new(nil, nil, value)
  else
    TreeNode.new(bottom_up_tree(depth - 1, 2 * value - 1), bottom_up_tree(depth - 1, 2 * value), value)
  end
end

max_depth = 15
min_depth = 4

stretch = bottom_up_tree(max_depth + 1, 0)
puts "stretch tree of depth #{max_depth + 1}\t check: #{stretch.check}"
stretch = nil

long_lived = bottom_up_tree(max_depth, 0)

depth = min_depth
while depth <= max_depth
  iterations = 1 << (max_depth - depth + min_depth)
  check = 0
  sum = 0
  i = 1
  while i <= iterations
    t = bottom_up_tree(depth, i)
    check += t.check
    sum += t.sum
    i += 1
  end
  puts "#{iterations}\t trees of depth #{depth}\t check: #{check} sum: #{sum}"
  depth += 2
end

puts "long lived tree of depth #{max_depth}\t check: #{long_lived.check}"
