# Integer#times, #upto and #downto are primitives in CRuby: redefining the
# comparison or arithmetic operators of Integer in Ruby does not change how
# many times they yield, nor the values they yield. `walk` uses all three and
# is hot (optimized, with the iterators inlined) before the redefinitions;
# every redefinition is undone through `alias` before the next one.
def walk(n)
  out = []
  n.times { |i| out << i }
  1.upto(n) { |i| out << i }
  n.downto(1) { |i| out << i }
  out
end

class Integer
  alias orig_lt <
  alias orig_le <=
  alias orig_ge >=
  alias orig_plus +
  alias orig_minus -
end

CALLS = []

k = 0
total = 0
while k < 400
  total += walk(k % 4).size
  k += 1
end
p total
p walk(3)

# Integer#< always false.
class Integer
  def <(o)
    false
  end
end
p 1 < 2
3.times { |i| puts i }
p walk(3)
p 3.times { |i| print i, " " }
class Integer
  alias < orig_lt
end
p 1 < 2

# Integer#<= always false.
class Integer
  def <=(o)
    false
  end
end
p 1 <= 2
1.upto(3) { |i| puts i }
p walk(3)
class Integer
  alias <= orig_le
end

# Integer#>= always false.
class Integer
  def >=(o)
    false
  end
end
p 3 >= 1
3.downto(1) { |i| puts i }
p walk(3)
class Integer
  alias >= orig_ge
end

# Integer#+ wrapped through alias (same result, but each call is recorded).
class Integer
  def +(o)
    CALLS << o
    orig_plus(o)
  end
end
p 2 + 3
p CALLS.size
CALLS.clear
3.times { |i| print i, " " }
puts
p CALLS.size
1.upto(3) { |i| print i, " " }
puts
p CALLS.size
p walk(2)
p CALLS.size
CALLS.clear

# Integer#+ and Integer#- return something else (twice the step, so that a
# loop that wrongly used them would still end).
class Integer
  def +(o)
    orig_plus(o * 2)
  end

  def -(o)
    orig_minus(o * 2)
  end
end
p 2 + 3
p 2 - 3
3.times { |i| puts i }
1.upto(3) { |i| puts i }
3.downto(1) { |i| puts i }
p walk(3)
class Integer
  alias + orig_plus
  alias - orig_minus
end
p 2 + 3
p walk(2)
