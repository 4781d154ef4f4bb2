# Core operators and methods replaced through `alias` (not `def`): after
# `alias + -` in Integer, `5 + 1` is 4, in plain code and in a method that
# was hot (and optimized) before the alias; likewise Float#* aliased to
# Float#+ and Array#size aliased to Array#first.
def add(a, b)
  a + b
end

def fmul(x, y)
  x * y
end

def sz(a)
  a.size
end

s = 0
f = 0.0
n = 0
i = 0
while i < 2000
  s = s + add(i, 1)
  f = f + fmul(0.5, 2.0)
  n = n + sz([i, 7, 8])
  i += 1
end
puts "before: s=#{s} f=#{f} n=#{n}"
p 5 + 1
p add(5, 1)
p 2.5 * 4.0
p fmul(2.5, 4.0)
p [4, 5, 6].size
p sz([4, 5, 6])

class Integer
  alias + -
end
p 5 + 1
p add(5, 1)
p add(10, 3)
x = 10
x += 4
p x
p 7 - 2
p 2.5 + 1.0

class Float
  alias * +
end
p 2.5 * 4.0
p fmul(2.5, 4.0)
p fmul(0.5, 2.0)
p 2.5 / 0.5
p 3 * 4

class Array
  alias size first
end
p [4, 5, 6].size
p sz([4, 5, 6])
p sz([9])
p [4, 5, 6].length
p [4, 5, 6].first
