# Iterators that the optimizer inlines (Array#each, Integer#times) redefined
# in Ruby while optimized code uses them. `tally` is hot (optimized, with
# both iterators and their blocks inlined into it). Phase 1: between calls,
# Array#each is redefined to yield every element doubled, from the last to
# the first, then restored through `alias`; the same for Integer#times
# redefined to count from 1 to n. Phase 2: the hot method `rounds` redefines
# Array#each (through Array.swap, called from its loop) at a given round,
# while its version runs: that round's `each` and every later one must use
# the new method. Phase 3: Integer#times is redefined from inside a block of
# a running `times` loop: the loop that is running goes on as it was (the
# redefinition affects later calls only).
class Integer
  alias orig_times times

  def self.swap
    def times
      i = 1
      while i <= self
        yield i
        i += 1
      end
      self
    end
  end

  def self.restore
    alias times orig_times
  end
end

class Array
  alias orig_each each

  def self.swap
    def each
      i = size - 1
      while i >= 0
        yield self[i] * 2
        i -= 1
      end
      self
    end
  end

  def self.restore
    alias each orig_each
  end
end

def tally(a, n)
  seen = []
  s = 0
  a.each do |x|
    s += x
    seen << x
  end
  t = 0
  n.times { |i| t += i * 10 }
  [s, t, seen]
end

# Phase 1.
k = 0
acc = 0
while k < 400
  acc += tally([k, 1, 2], k % 5)[0]
  k += 1
end
p acc
p tally([1, 2, 3], 4)
Array.swap
p tally([1, 2, 3], 4)
p tally([5], 2)
Array.restore
p tally([1, 2, 3], 4)
Integer.swap
p tally([1, 2, 3], 4)
p tally([], 1)
Integer.restore
p tally([1, 2, 3], 4)

# Phase 2.
def rounds(a, m, at)
  total = 0
  r = 0
  while r < m
    Array.swap if r == at
    s = 0
    a.each { |x| s += x }
    total += s
    puts "round #{r}: s=#{s} total=#{total}" if r >= at - 1 && r <= at + 1
    r += 1
  end
  total
end

p rounds([1, 2, 3, 4], 500, -5)
p rounds([1, 2, 3, 4], 500, 250)
p rounds([1, 2, 3, 4], 3, -5)
Array.restore
p rounds([1, 2, 3, 4], 500, -5)

# Phase 3.
def nested(n, at)
  log = []
  outer = 0
  3.times do |j|
    n.times do |i|
      Integer.swap if j == 1 && i == at
      outer += 1
      log << i if j >= 1 && (i <= 1 || i >= n - 2)
    end
  end
  [outer, log]
end

p nested(400, -5)
p nested(400, -5)
p nested(400, 200)
p nested(3, -5)
Integer.restore
p nested(400, -5)
