# while and until loops, their nil value, nested loops.
i = 0
while i < 5
  print i, " "
  i += 1
end
puts
j = 10
until j <= 0
  print j, " "
  j -= 3
end
puts
r = while false
end
p r
r2 = until true
end
p r2
row = 1
while row <= 4
  col = 1
  line = ""
  while col <= row
    line = line + (row * col).to_s + " "
    col += 1
  end
  puts line
  row += 1
end
n = 27
steps = 0
until n == 1
  if n.even?
    n = n / 2
  else
    n = 3 * n + 1
  end
  steps += 1
end
puts "steps: #{steps}"
k = 0
k += 1 while k < 100
p k
m = 1
m *= 2 until m > 1000
p m
a = [5, 3, 8]
while (x = a.pop)
  puts "popped #{x}"
end
p a
while false do end
q = 3
while q > 0 do q -= 1 end
p q
