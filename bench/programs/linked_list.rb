# Object-heavy: singly linked lists of Node objects, built and walked by recursion.
# Stresses: allocation of many small two-field objects, attr_reader calls on
# nodes, deep (but bounded, < 1000 frames) recursion through methods of the
# same class, polymorphic calls to small "function" objects, nil checks, and
# garbage collection: every round builds a dozen lists and drops them.

class Node
  attr_reader :value, :next

  def initialize(value, rest)
    @value = value
    @next = rest
  end

  def length
    @next.nil? ? 1 : 1 + @next.length
  end

  def sum
    @next.nil? ? @value : @value + @next.sum
  end

  def nth(i)
    i == 0 ? @value : @next.nth(i - 1)
  end

  def last_value
    @next.nil? ? @value : @next.last_value
  end

  # A new list with f.call applied to every value.
  def map(f)
    Node.new(f.call(@value), @next.nil? ? nil : @next.map(f))
  end

  # A new list of the values p.keep? accepts (nil when none).
  def filter(p)
    rest = @next.nil? ? nil : @next.filter(p)
    p.keep?(@value) ? Node.new(@value, rest) : rest
  end

  # Reversed copy, accumulator style.
  def reverse(acc = nil)
    flipped = Node.new(@value, acc)
    @next.nil? ? flipped : @next.reverse(flipped)
  end

  # A copy of this list followed by other (shared, not copied).
  def append(other)
    Node.new(@value, @next.nil? ? other : @next.append(other))
  end

  def take(k)
    return nil if k == 0
    Node.new(@value, @next.nil? ? nil : @next.take(k - 1))
  end

  def drop(k)
    k == 0 ? self : (@next.nil? ? nil : @next.drop(k - 1))
  end

  # Pairwise sums; the result is as long as the shorter list.
  def zip_add(other)
    return nil if other.nil?
    Node.new(@value + other.value, @next.nil? ? nil : @next.zip_add(other.next))
  end

  def include?(v)
    return true if @value == v
    @next.nil? ? false : @next.include?(v)
  end

  # Iterative walk with a block.
  def each
    node = self
    while node
      yield node.value
      node = node.next
    end
    self
  end

  def hash_code
    h = 17
    each { |v| h = (h * 31 + v) % 1_000_000_007 }
    h
  end
end

# Function objects for map and filter.
class Scale
  def initialize(k)
    @k = k
  end

  def call(v)
    v * @k % 10_007
  end
end

class Offset
  def initialize(d)
    @d = d
  end

  def call(v)
    (v + @d) % 10_007
  end
end

class Square
  def call(v)
    v * v % 10_007
  end
end

class Even
  def keep?(v)
    v.even?
  end
end

class Below
  def initialize(limit)
    @limit = limit
  end

  def keep?(v)
    v < @limit
  end
end

# Merge sort on lists (split by alternation, recursive merge).
def merge(a, b)
  return b if a.nil?
  return a if b.nil?
  if a.value <= b.value
    Node.new(a.value, merge(a.next, b))
  else
    Node.new(b.value, merge(a, b.next))
  end
end

def split_odd(list)
  return nil if list.nil?
  rest = list.next
  Node.new(list.value, rest.nil? ? nil : split_odd(rest.next))
end

def merge_sort(list)
  return list if list.nil? || list.next.nil?
  merge(merge_sort(split_odd(list)), merge_sort(split_odd(list.next)))
end

# Recursive builder: lo, lo+step, ... below hi.
def build_range(lo, hi, step)
  lo >= hi ? nil : Node.new(lo, build_range(lo + step, hi, step))
end

# Iterative builder: n pseudo-random values (a linear congruential sequence).
def build_random(n, seed)
  list = nil
  x = seed
  i = 0
  while i < n
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648
    list = Node.new(x % 10_007, list)
    i += 1
  end
  list
end

def length_of(list)
  list.nil? ? 0 : list.length
end

def sum_of(list)
  list.nil? ? 0 : list.sum
end

fns = [Scale.new(3), Offset.new(101), Square.new, Scale.new(7)]
preds = [Even.new, Below.new(5_000), Below.new(8_000)]

checksum = 0
total_len = 0
hits = 0
keep = nil
round = 0
while round < 600
  len = 300 + round % 200
  a = build_random(len, round + 1)
  b = build_range(round % 50, round % 50 + 3 * len, 3)
  m = a.map(fns[round % 4]).map(fns[(round + 1) % 4])
  f = m.filter(preds[round % 3])
  r = b.reverse
  ab = a.append(r)
  z = ab.zip_add(m.append(b))
  s = merge_sort(a.take(len / 2 + 1))
  tail = ab.drop(len / 3)

  total_len += a.length + length_of(f) + ab.length + z.length + s.length + tail.length
  checksum = (checksum * 131 + a.sum + sum_of(f) + r.sum + z.sum) % 1_000_000_007
  checksum = (checksum + s.nth(len / 4) * 7 + s.last_value + tail.nth(len / 2)) % 1_000_000_007
  checksum = (checksum + z.hash_code) % 1_000_000_007
  hits += 1 if ab.include?(round * 3)
  hits += 1 if f && f.include?(round)

  # Keep one list alive across rounds: prepend a few nodes, cut it back now and then.
  keep = build_range(round, round + 40, 2).append(keep.nil? ? nil : keep.take(300))
  round += 1
end

puts "total length: #{total_len}"
puts "hits: #{hits}"
puts "kept: #{keep.length} #{keep.sum} #{keep.hash_code}"
puts "checksum: #{checksum}"
