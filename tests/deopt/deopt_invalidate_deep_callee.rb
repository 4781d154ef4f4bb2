# Integer#/ and Integer#* redefined two frames below a hot method: `crunch`
# (hot, optimized with `/` and `*` done inline) calls `helper`, which calls
# the class method Integer.switch, whose nested `def`s redefine Integer#/ or
# Integer#* at a given iteration, while crunch's optimized loop is running.
# The rest of that iteration and every later one must use the new method;
# the next calls of crunch too. Integer.switch also restores the original
# methods through `alias`.
class Integer
  alias orig_div /
  alias orig_mul *

  def self.switch(i, at, what)
    if i == at
      if what == :div
        def /(o)
          orig_div(o) + 1000
        end
      elsif what == :mul
        def *(o)
          orig_mul(o) - 1
        end
      else
        alias / orig_div
        alias * orig_mul
      end
    end
    0
  end
end

def helper(i, at, what)
  Integer.switch(i, at, what) + 1
end

def crunch(n, at, what)
  s = 0
  i = 0
  while i < n
    a = i / 3
    s += helper(i, at, what)
    b = i * 7
    s += a + b
    if at >= 0 && i >= at - 1 && i <= at + 1
      puts "#{what} at #{at}, i=#{i}: a=#{a} b=#{b} s=#{s}"
    end
    i += 1
  end
  s
end

p crunch(600, -1, :none)
p crunch(600, -1, :none)
p crunch(600, 300, :div)
p crunch(600, -1, :none)
p 10 / 3
p crunch(600, 200, :restore)
p 10 / 3
p crunch(600, 400, :mul)
p crunch(10, -1, :none)
p 10 * 3
p crunch(600, 100, :restore)
p 10 * 3
p crunch(600, -1, :none)
