# Float#* and Float#+ redefined by a hot block running in its own version.
# `each_safely` yields from inside begin/rescue, so the inliner leaves it
# alone and the blocks given to it are called through `yield`; once hot, a
# block gets a version of its own, with its Float arithmetic done inline.
# Phase 1: the top-level block itself reopens class Float at given elements
# (Float#* at element 300, Float#+ at element 500, both restored through
# `alias` at element 700); the rest of that call of the block must use the
# new methods. Phase 2: the block of `weigh` is hot with the original
# methods, Float#* is redefined between two calls, and the block's version
# must not be used as it was.
def each_safely(items)
  i = 0
  begin
    while i < items.size
      yield items[i], i
      i += 1
    end
  rescue ZeroDivisionError
    puts "rescued at #{i}"
  end
  i
end

class Float
  alias orig_fplus +
  alias orig_fmul *
end

floats = Array.new(800) { |k| k * 0.5 }

# Phase 1.
acc = 0.0
n = each_safely(floats) do |x, k|
  if k == 300
    class Float
      def *(o)
        orig_fmul(o) + 0.25
      end
    end
  end
  if k == 500
    class Float
      def +(o)
        orig_fplus(o).orig_fplus(1000.0)
      end
    end
  end
  if k == 700
    class Float
      alias * orig_fmul
      alias + orig_fplus
    end
  end
  y = x * 2.0
  acc = acc + y
  if (k >= 299 && k <= 301) || (k >= 499 && k <= 501) || (k >= 699 && k <= 701)
    puts "element #{k}: y=#{y} acc=#{acc}"
  end
end
puts "phase 1: n=#{n} acc=#{acc}"
p 1.5 * 2.0
p 1.5 + 2.0

# Phase 2.
def weigh(items, w)
  total = 0.0
  each_safely(items) do |x, k|
    total = total + x * w
  end
  total
end

p weigh(floats, 1.5)
p weigh(floats, 1.5)
class Float
  def *(o)
    orig_fmul(o).orig_fmul(-1.0)
  end
end
p weigh(floats, 1.5)
p weigh([2.0, 4.0], 0.5)
class Float
  alias * orig_fmul
end
p weigh(floats, 1.5)
p weigh([2.0, 4.0], 0.5)
