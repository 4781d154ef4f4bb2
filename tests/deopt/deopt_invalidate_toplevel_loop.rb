# Integer arithmetic redefined inside hot top-level loops. Each loop gets hot
# through its back-edges, so the program's main function is entered in
# optimized code through OSR, with Integer#+, #- and #% done inline (no
# guard checks that they are still the original methods). The loop body
# itself reopens class Integer at a given iteration; the next use of the
# operator in the same iteration must call the new method. Every switch is
# printed at the iteration where it happens.
class Integer
  alias orig_plus +
  alias orig_minus -
  alias orig_mod %
end

# Phase 1: Integer#+ subtracts from iteration 400 on (the loop counts down
# with `-`, which is not redefined).
s = 0
i = 1000
while i > 0
  if i == 400
    class Integer
      def +(o)
        orig_minus(o)
      end
    end
  end
  s = s + i
  puts "phase 1, i=#{i}: s=#{s}" if i >= 399 && i <= 401
  i -= 1
end
puts "phase 1: #{s}"
p 10 + 3
class Integer
  alias + orig_plus
end
p 10 + 3

# Phase 2: Integer#- adds from iteration 700 on (the loop counts up with `+`).
d = 0
i = 0
while i < 1000
  if i == 700
    class Integer
      def -(o)
        orig_plus(o)
      end
    end
  end
  d = d - i
  puts "phase 2, i=#{i}: d=#{d}" if i >= 699 && i <= 701
  i += 1
end
puts "phase 2: #{d}"
p 10 - 3
class Integer
  alias - orig_minus
end
p 10 - 3

# Phase 3: Integer#% is redefined at iteration 500 (after that iteration's
# `%`) and restored at iteration 800 (before it), in the same running loop.
h = 0
i = 0
while i < 1000
  h += i % 7
  if i == 500
    class Integer
      def %(o)
        orig_mod(o) + 100
      end
    end
  end
  if i == 800
    class Integer
      alias % orig_mod
    end
  end
  h += i % 5
  puts "phase 3, i=#{i}: h=#{h}" if (i >= 499 && i <= 501) || (i >= 799 && i <= 801)
  i += 1
end
puts "phase 3: #{h}"
p 10 % 3
