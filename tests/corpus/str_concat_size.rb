# String#+, ==, size, length, to_s.
a = "Hello"
b = "World"
c = a + ", " + b + "!"
puts c
puts c.size
puts c.length
puts a.size + b.size
puts "".size
p ""
puts "" + "" == ""
puts a == "Hello"
puts a == "hello"
puts a != b
puts a == :Hello
puts "1" == 1
puts a.to_s
puts a.to_s == a
puts a.to_s.equal?(a)
s = ""
i = 0
while i < 10
  s = s + i.to_s
  i += 1
end
puts s
puts s.size
t = ""
5.times { |k| t = t + "ab" }
puts t
puts t.length
u = "x"
6.times do
  u = u + u
end
puts u.size
words = ["alpha", "be", "gamma", "", "delta"]
total = 0
words.each do |w|
  total += w.size
  puts "#{w}: #{w.length}"
end
puts "total #{total}"
puts "héllo wörld".size
puts "日本".length
puts 12.to_s + 34.to_s
puts (12.to_s + 34.to_s).size
puts 1.5.to_s.size
puts (2 ** 100).to_s.size
puts nil.to_s.size
puts :abc.to_s + "def"
