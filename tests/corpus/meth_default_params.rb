# Default parameters, including defaults that refer to earlier parameters.
def greet(name, greeting = "Hello", punct = "!")
  "#{greeting}, #{name}#{punct}"
end
puts greet("Ann")
puts greet("Bob", "Hi")
puts greet("Cy", "Yo", "?")
def box(w, h = w, label = "box #{w}x#{h}")
  "#{label}: area #{w * h}"
end
puts box(3)
puts box(3, 4)
puts box(3, 4, "custom")
def noisy_seven
  puts "default evaluated"
  7
end
def counter_default(x = noisy_seven)
  x * 2
end
p counter_default
p counter_default(1)
def list_default(a = [])
  a << a.size
  a
end
p list_default
p list_default
p list_default([9])
def nil_default(v = nil)
  v.nil? ? "got nothing" : "got #{v.inspect}"
end
puts nil_default
puts nil_default(nil)
puts nil_default(false)
puts nil_default(0)
def power(base, exp = 2)
  result = 1
  exp.times { result *= base }
  result
end
p power(5)
p power(2, 10)
p power(2, 70)
def tail_defaults(a, b = a + 1, c = b * 2)
  [a, b, c]
end
p tail_defaults(1)
p tail_defaults(1, 5)
p tail_defaults(1, 5, 0)
