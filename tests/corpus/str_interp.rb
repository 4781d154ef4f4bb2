# String interpolation of every kind of value.
n = 42
f = 2.5
big = 2 ** 70
arr = [1, "two", :three, nil, 4.0, [5, [6]]]
puts "int #{n}, float #{f}, big #{big}"
puts "nil [#{nil}] true [#{true}] false [#{false}]"
puts "symbol #{:sym} array #{arr}"
puts "empty array #{[]} nested #{[[], [[]]]}"
puts "expr #{n * 2 + 1} #{n > 40} #{n.to_s + "!"}"
puts "floats #{1e20} #{1.0e-05} #{-0.0} #{100.0} #{1.0 / 3}"
puts "nested #{"inner #{n + 1} done"} outer"
puts "string with quotes #{"\"q\""}"
puts "#{n}#{n}#{n}"
puts "#{}"
puts "start#{nil}end"
puts "class #{n.class} #{f.class} #{nil.class} #{arr.class} #{"s".class} #{:s.class}"
s = "val"
3.times do |i|
  s = "#{s}-#{i}"
  puts s
end
x = "#{1}" + "#{2}"
p x
p x.size
p "#{arr}"
p "#{"a\tb"}"
p "a#{"\n"}b"
t = "#{true && 5} #{nil || "default"} #{false ? 1 : 2}"
puts t
puts "multi
line #{n}
string"
def label(v)
  "<#{v}>"
end
puts "#{label(1)}#{label("x")}#{label(nil)}#{label([nil])}"
