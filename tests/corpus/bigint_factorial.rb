# Factorials and binomial coefficients leave 64 bits quickly.
def fact(n)
  if n <= 1
    1
  else
    n * fact(n - 1)
  end
end

i = 0
while i <= 30
  puts "#{i}! = #{fact(i)}"
  i += 1
end
puts fact(50)
puts fact(100)

def choose(n, k)
  fact(n) / (fact(k) * fact(n - k))
end

puts choose(10, 3)
puts choose(60, 30)
puts choose(100, 50)
f = fact(25)
puts f / fact(23)
puts f % 1000007
puts f / 1000007
puts (-f) / 1000007
puts (-f) % 1000007
sum = 0
digits = 0
x = fact(40)
while x > 0
  sum += x % 10
  digits += 1
  x /= 10
end
puts "digits of 40!: #{digits}, digit sum: #{sum}"
