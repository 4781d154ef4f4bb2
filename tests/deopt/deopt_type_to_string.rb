# Type guard: the `+` in `add` is hot with Integer operands and gets
# specialised to integer addition; then Strings (and Floats) go through the
# same `+` site and the type guard on `a` fails. (`* 1` puts the sum in a
# chain of arithmetic: a lone `+` of two arguments whose result is returned
# stays generic in optimized code, where unboxing would cost more than it
# saves.)
def add(a, b)
  (a + b) * 1
end

def add3(a, b, c)
  add(add(a, b), c)
end

# Hot phase: Integers only.
sum = 0
i = 0
while i < 500
  sum = add(sum, i)
  puts "hot #{i}: #{sum}" if i % 125 == 0
  i += 1
end
p sum
p add3(1, 2, 3)

# Strings through the same site.
p add("a", "b")
s = add3("x", "y", "z")
p s
p s.size
words = ["re", "bo", "un", "d"]
acc = ""
words.each { |w| acc = add(acc, w) }
p acc
p add(acc, "!").length

# Floats and mixed numeric operands.
p add(1, 0.5)
p add(0.25, 2)
p add3(1, 2.5, 3)

# Mixed operands that must raise TypeError exactly as CRuby does.
begin
  add(1, "one")
rescue TypeError => e
  puts "TypeError: #{e.message}"
end
begin
  add("one", 1)
rescue TypeError => e
  puts "TypeError: #{e.message}"
end

# Integers still work, and the results are Integers.
p add(40, 2)
p add(40, 2).class
t = 0
i = 0
while i < 200
  t = add(t, i % 2 == 0 ? i : "#{i}".size)
  i += 1
end
p t
p add("#{t}", "?")
