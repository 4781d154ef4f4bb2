# Integer#* is redefined in the middle of a hot top-level loop (entered through
# OSR): the loop body reopens class Integer at iteration 20000, after that
# iteration's multiplication, so from iteration 20001 on `i * 3` is 42.
s = 0
i = 0
while i < 30000
  s += i * 3
  if i == 20000
    class Integer
      def *(other)
        42
      end
    end
  end
  puts "iteration #{i}: s=#{s}" if i >= 19998 && i <= 20002
  i += 1
end
puts s
p 7 * 8
