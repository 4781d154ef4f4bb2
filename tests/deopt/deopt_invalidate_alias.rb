# Core operators replaced through `alias` (not `def`) while optimized code
# relies on them. Phase 1: `mul_sum` is hot (optimized, `i * 3` done inline),
# then `alias * +` in class Integer between two calls, then the original is
# restored. Phase 2: a hot top-level loop (entered through OSR) does
# `alias * -` in its own body at iteration 600. Phase 3: an `alias` in a
# method body (Integer.swap, called from the hot loop of `mixed`) replaces
# Float#+ by Float#- at a given iteration while mixed's version is running.
# Phase 4: `alias < <=` makes a hot `while i < n` loop run once more.
class Integer
  alias orig_mul *
  alias orig_lt <

  def self.swap(i, at)
    if i == at
      Float.swap
    end
    0
  end
end

class Float
  alias orig_fplus +

  def self.swap
    alias + -
  end
end

def mul_sum(n)
  s = 0
  i = 0
  while i < n
    s += i * 3
    i += 1
  end
  s
end

# Phase 1.
p mul_sum(1000)
p mul_sum(1000)
class Integer
  alias * +
end
p mul_sum(1000)
p mul_sum(4)
p 6 * 7
class Integer
  alias * orig_mul
end
p mul_sum(1000)
p 6 * 7

# Phase 2.
s = 0
i = 0
while i < 1000
  if i == 600
    class Integer
      alias * -
    end
  end
  s += i * 2
  puts "iteration #{i}: s=#{s}" if i >= 599 && i <= 601
  i += 1
end
puts "phase 2: #{s}"
p 6 * 7
class Integer
  alias * orig_mul
end
p 6 * 7

# Phase 3.
def mixed(n, at)
  f = 0.0
  i = 0
  while i < n
    Integer.swap(i, at)
    f = f + 1.5
    puts "i=#{i}: f=#{f}" if at >= 0 && i >= at - 1 && i <= at + 1
    i += 1
  end
  f
end

p mixed(800, -1)
p mixed(800, 400)
p mixed(3, -1)
p 2.0 + 3.0
class Float
  alias + orig_fplus
end
p mixed(800, -1)
p 2.0 + 3.0

# Phase 4.
def count_to(n)
  c = 0
  i = 0
  while i < n
    c += 1
    i += 1
  end
  c
end

p count_to(700)
p count_to(700)
class Integer
  alias < <=
end
p count_to(700)
p count_to(0)
p 3 < 3
class Integer
  alias < orig_lt
end
p count_to(700)
p 3 < 3
