# if/elsif/else as statements and as expressions.
def classify(n)
  if n < 0
    "negative"
  elsif n == 0
    "zero"
  elsif n < 10
    "small"
  elsif n < 100
    "medium"
  else
    "large"
  end
end
[-5, 0, 3, 42, 1000, 2 ** 65].each { |n| puts "#{n}: #{classify(n)}" }
x = if true then 1 else 2 end
p x
y = if false then 1 end
p y
z = if nil
      "nil is truthy?"
    else
      "nil is falsy"
    end
p z
v = 7
w = if v.even?
      "even"
    end
p w
r = if v > 5
  "big" + "!"
end
p r
[nil, false, 0, "", [], :s].each do |val|
  if val
    puts "#{val.inspect} is truthy"
  else
    puts "#{val.inspect} is falsy"
  end
end
n = 15
if n % 3 == 0 && n % 5 == 0
  puts "fizzbuzz"
elsif n % 3 == 0
  puts "fizz"
end
i = 1
while i <= 15
  s = if i % 15 == 0
        "FizzBuzz"
      elsif i % 3 == 0
        "Fizz"
      elsif i % 5 == 0
        "Buzz"
      else
        i.to_s
      end
  print s, " "
  i += 1
end
puts
res = if 1 > 2
        :a
      elsif 2 > 3
        :b
      end
p res
