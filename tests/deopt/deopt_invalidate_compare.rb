# Integer comparisons redefined while optimized code relies on them. `scan`
# is hot (optimized: its loop condition `i < n` and the comparisons `x >
# limit` and `x <= limit` are done inline). Integer.switch, called from the
# loop at a given iteration, redefines one of them with a nested `def`, while
# scan's version is running:
# - `<` (the loop condition) keeps its result but counts its calls in
#   LT_CALLS, so the loop still ends and every condition check after the
#   switch must be counted, including the one that ends the loop;
# - `>` becomes `<` (a non-loop position: `big` counts the small ones);
# - `<=` becomes strict.
# Each is restored through `alias` (switch :restore) before the next one.
LT_CALLS = [0]

class Integer
  alias orig_lt <
  alias orig_gt >
  alias orig_le <=

  def self.switch(what)
    if what == :lt
      def <(o)
        LT_CALLS[0] += 1
        orig_lt(o)
      end
    elsif what == :gt
      def >(o)
        orig_lt(o)
      end
    elsif what == :le
      def <=(o)
        orig_lt(o)
      end
    else
      alias < orig_lt
      alias > orig_gt
      alias <= orig_le
    end
  end
end

def scan(n, limit, at, what)
  big = 0
  small = 0
  i = 0
  while i < n
    Integer.switch(what) if i == at
    x = (i * 7) % 100
    big += 1 if x > limit
    small += 1 if x <= limit
    if i == at - 1 || i == at || i == at + 1
      puts "#{what} at #{at}, i=#{i}: x=#{x} big=#{big} small=#{small} calls=#{LT_CALLS[0]}"
    end
    i += 1
  end
  [big, small]
end

p scan(1000, 50, -5, :none)
p scan(1000, 50, -5, :none)

p scan(1000, 50, 500, :lt)
p LT_CALLS
p scan(1000, 50, -5, :none)
p LT_CALLS
p 2 < 3
p LT_CALLS
p scan(1000, 50, 0, :restore)
p LT_CALLS

p scan(1000, 50, 300, :gt)
p scan(1000, 50, -5, :none)
p 5 > 3
p scan(1000, 50, 10, :restore)

p scan(1000, 50, 700, :le)
p scan(1000, 50, -5, :none)
p 3 <= 3
p scan(1000, 50, 999, :restore)
p scan(1000, 50, -5, :none)
p LT_CALLS
