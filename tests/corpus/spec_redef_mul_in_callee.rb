# Integer#* is redefined by a class method of Integer (a `def` nested in its
# body) that a hot method calls on every iteration of its loop. The first call
# of `hot` never triggers the redefinition (so `hot` gets an optimized version
# with the multiplication inline); the second triggers it at iteration 20000,
# while that version is running: from iteration 20001 on, `i * 3` is 42.
class Integer
  def self.tick(i, at)
    if i == at
      def *(other)
        42
      end
    end
    0
  end
end

def hot(n, at)
  s = 0
  i = 0
  while i < n
    s += i * 3
    s += Integer.tick(i, at)
    puts "iteration #{i}: s=#{s}" if at >= 0 && i >= at - 2 && i <= at + 2
    i += 1
  end
  s
end

puts hot(30000, -1)
puts hot(30000, 20000)
puts hot(10, -1)
p 7 * 8
