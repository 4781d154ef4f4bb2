# count (plain, with argument, with block), first, last, first(n), last(n), take.
a = [4, 8, 15, 16, 23, 42, 8, 8]
p a.count
p a.count(8)
p a.count(99)
p a.count { |x| x.even? }
p a.count { |x| x > 100 }
p [nil, nil, 1].count(nil)
p [1, 1.0, 2].count(1)
p ["a", "b", "a"].count("a")
p [].count
p a.first
p a.last
p a.first(3)
p a.last(3)
p a.first(0)
p a.last(0)
p a.first(100)
p a.last(100)
p a.take(2)
p a.take(0)
p a.take(20)
p a
p [].first
p [].last
p [].first(2)
p [].take(3)
nested = [[1, 2], [3, 4]]
p nested.first.last
p nested.last.first
p nested.first(1)
t = a.take(3)
t << 0
p t
p a.take(3)
begin
  a.first(-1)
rescue ArgumentError => e
  puts "first(-1): #{e.class}: #{e.message}"
end
begin
  a.take(-2)
rescue ArgumentError => e
  puts "take(-2): #{e.class}: #{e.message}"
end
