# Type guard: `scale` is hot with Integer arguments, so `x * 3 + 1` is
# specialised to unboxed integer arithmetic. Then Floats arrive and the
# type guard on `x` fails; the generic path must give Float results.
def scale(x)
  x * 3 + 1
end

# Hot phase: 400 calls with Integers.
total = 0
i = 0
while i < 400
  r = scale(i)
  total += r
  puts "hot #{i}: #{r}" if i % 100 == 0
  i += 1
end
puts "hot total: #{total}"

# Break the speculation: Floats through the same method.
p scale(2.5)
p scale(0.1)
p scale(-1.25)
p scale(1e20)
p scale(400)

# Mixed phase: every fifth call is a Float.
acc = 0
i = 0
while i < 300
  x = i % 5 == 0 ? i + 0.5 : i
  acc += scale(x)
  if i % 50 == 0
    puts "mixed #{i}: #{scale(x)} #{acc}"
  end
  i += 1
end
puts "mixed total: #{acc}"
p acc.class

# Integers again: the result must be an Integer again.
p scale(7)
p scale(7).class
p scale(-7)
