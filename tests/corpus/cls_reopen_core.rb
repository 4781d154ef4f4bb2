# Reopening core classes Integer, Array and String to add and redefine methods.
class Integer
  def double
    self * 2
  end

  def factorial
    r = 1
    i = 2
    while i <= self
      r *= i
      i += 1
    end
    r
  end

  def digits_list
    return [0] if self == 0
    out = []
    n = self.abs
    while n > 0
      out << n % 10
      n /= 10
    end
    out.reverse
  end
end
p 21.double
p -4.double
p (2 ** 70).double
p 20.factorial
p 25.factorial
p 1234.digits_list
p (2 ** 64).digits_list
p 0.digits_list
class Array
  def second
    self[1]
  end

  def my_sum
    total = 0
    each { |x| total += x }
    total
  end

  def histogram
    map { |x| x.to_s + ":" + bar(x) }
  end

  def bar(n)
    s = ""
    n.times { s = s + "#" }
    s
  end
end
p [10, 20, 30].second
p [].second
p [1, 2, 3, 4].my_sum
p [3, 1, 2].histogram
class String
  def shout
    self + "!"
  end

  def wrap(l, r = l)
    l + self + r
  end
end
p "hey".shout
p "mid".wrap("[", "]")
p "mid".wrap("*")
p "a".shout.shout.wrap("<", ">")
class Array
  def sum
    "sum was redefined"
  end
end
p [1, 2, 3].sum
p [1, 2, 3].inject { |a, b| a + b }
class String
  def length
    -1
  end
end
p "abc".length
p "abc".size
