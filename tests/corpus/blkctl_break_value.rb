# break inside blocks: ends the yielding call, which returns the break value.
# NOTE: break from a block is listed under Slice 2 in docs/language.md.
r = [1, 2, 3, 4, 5].each do |x|
  break x * 100 if x == 3
  puts "visit #{x}"
end
p r
r2 = [1, 2].each { |x| break if x == 2 }
p r2
r3 = 10.times { |i| break i * i if i == 7 }
p r3
r4 = 5.times { |i| }
p r4
def yielder
  puts "yielder start"
  v = yield 1
  puts "after first yield (only without break): #{v}"
  yield 2
  puts "yielder end"
  :normal
end
p yielder { |x| x }
p yielder { |x| break :broke }
found = [4, 8, 15, 16, 23, 42].each_with_index do |v, i|
  break [v, i] if v > 15
end
p found
m = [1, 2, 3].map do |x|
  break "map aborted" if x == 2
  x
end
p m
outer = [1, 2, 3].each do |a|
  inner = [10, 20, 30].each do |b|
    break b if b == 20
  end
  puts "inner returned #{inner} for #{a}"
  break a * 1000 if a == 2
end
p outer
w = 1.upto(100) { |i| break i if i * i > 50 }
p w
