# each, each_with_index, map, select and their return values.
a = [3, 1, 4, 1, 5, 9, 2, 6]
r = a.each { |x| print x, ";" }
puts
p r.equal?(a)
a.each_with_index do |x, i|
  puts "a[#{i}] = #{x}"
end
r2 = a.each_with_index { |x, i| }
p r2.equal?(a)
sq = a.map { |x| x * x }
p sq
p a
strs = a.map { |x| "<#{x}>" }
p strs
idx = []
a.each_with_index { |x, i| idx << x * i }
p idx
ev = a.select { |x| x.even? }
p ev
od = a.select { |x| x.odd? }
p od
big = a.select { |x| x > 100 }
p big
p a.map { |x| x > 3 }
p a.select { |x| x }
p [nil, 1, false, 2, true].select { |x| x }
p [].map { |x| x * 2 }
p [].select { |x| true }
nested = [[1, 2], [3, 4], [5, 6]]
nested.each { |pair| puts "#{pair[0]}+#{pair[1]}=#{pair[0] + pair[1]}" }
nested.each { |x, y| puts "destructured #{x} #{y}" }
p nested.map { |x, y| x * y }
nested.each_with_index { |pair, i| puts "#{i}: #{pair}" }
p a.map { |x| a.select { |y| y < x }.size }
words = ["apple", "kiwi", "banana", "fig"]
p words.select { |w| w.size > 3 }.map { |w| w + "!" }
total = 0
words.each_with_index { |w, i| total += w.size * i }
p total
p [1, 2, 3].map { |x| [x, x * 10] }
p [1, 2, 3].each { |x| x * 100 }
