# break and next in while/until loops, nested loops.
i = 0
while true
  i += 1
  next if i % 2 == 0
  break if i > 9
  print i, " "
end
puts
puts "i after loop: #{i}"
found = nil
x = 2
while x < 100
  d = 2
  prime = true
  while d * d <= x
    if x % d == 0
      prime = false
      break
    end
    d += 1
  end
  if prime && x > 50
    found = x
    break
  end
  x += 1
end
p found
n = 0
until n >= 20
  n += 1
  next unless n % 3 == 0
  print n, ","
end
puts
outer = 0
while outer < 3
  inner = 0
  while inner < 3
    inner += 1
    next if inner == 2
    puts "outer=#{outer} inner=#{inner}"
  end
  outer += 1
end
total = 0
k = 0
while k < 100
  k += 1
  next if k.odd?
  total += k
  break if total > 50
end
p total
p k
r = while true
  break
end
p r
