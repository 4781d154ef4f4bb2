# Arrays that contain themselves, directly or deeper, and deeply nested arrays: inspect,
# to_s, puts, ==, hash, join and flatten as CRuby does them.
a = [1]
b = [a]
a << b
p a
puts a.to_s
puts a
p [a, [a]]
p a == b
p a == a.dup
p a.hash.class
p a.hash == a.hash
begin
  a.join(",")
rescue ArgumentError => e
  p e.message
end
begin
  a.flatten
rescue ArgumentError => e
  p e.message
end
s = []
s << s
p s
puts s.inspect
t = [s, s]
p t

deep = []
other = []
5000.times do
  deep = [deep]
  other = [other]
end
p deep.inspect.size
p deep.to_s.size
p deep == other
p deep.join.size
p deep.flatten.size
p deep.hash == other.hash
p [deep].include?(other)
leaf = [7]
x = leaf
3000.times { x = [x, 1] }
p x.flatten.size
p x.join("-").size
