# Array#[], Array#[]= and Array#size redefined from a small method that the
# hot method calls on every iteration (small enough to be inlined into it):
# `fill_sum` (hot, optimized with the array accesses and `a.size` in the loop
# condition) calls `read`, which at a given iteration calls Array.tweak,
# whose nested `def`s redefine one of the three, while fill_sum's optimized
# loop runs; read then goes on with `a[i]`, which must already use the new
# method. (Array.tweak itself holds definitions, which the inliner does not
# copy; `read`, which makes the redefinition happen, has none.) The rest
# of that iteration, every later one and later calls of fill_sum must use the
# new method. `:restore` restores all three through `alias`.
class Array
  alias orig_get []
  alias orig_set []=
  alias orig_size size

  def self.tweak(what)
    if what == :get
      def [](k)
        orig_get(k) * 10
      end
    elsif what == :set
      def []=(k, v)
        orig_set(k, v + 1)
      end
    elsif what == :size
      def size
        orig_size - 3
      end
    else
      alias [] orig_get
      alias []= orig_set
      alias size orig_size
    end
  end
end

def read(a, i, at, what)
  Array.tweak(what) if i == at
  a[i]
end

def fill_sum(a, at, what)
  s = 0
  i = 0
  while i < a.size
    a[i] = i
    v = read(a, i, at, what)
    s += v
    if at >= 0 && i >= at - 1 && i <= at + 1
      puts "#{what} at #{at}, i=#{i}: v=#{v} s=#{s} size=#{a.size}"
    end
    i += 1
  end
  [s, i]
end

def fresh(n)
  Array.new(n, 0)
end

p fill_sum(fresh(500), -1, :none)
p fill_sum(fresh(500), -1, :none)
p fill_sum(fresh(500), 250, :get)
p fill_sum(fresh(500), -1, :none)
p [1, 2, 3][1]
p fill_sum(fresh(500), 100, :restore)
p [1, 2, 3][1]
p fill_sum(fresh(500), 300, :set)
x = [0, 0]
x[1] = 5
p x
p fill_sum(fresh(500), 400, :size)
p fill_sum(fresh(10), -1, :none)
p [1, 2, 3, 4].size
p fill_sum(fresh(500), 0, :restore)
p [1, 2, 3, 4].size
x[1] = 5
p x
p fill_sum(fresh(500), -1, :none)
