# && || ! and or not: return values and short-circuiting.
p(1 && 2)
p(nil && 2)
p(false && 2)
p(1 || 2)
p(nil || 2)
p(false || nil)
p(nil || false)
p(!1)
p(!nil)
p(!!1)
p("" && "empty string is truthy")
p(0 || "never")
def noisy(label, val)
  puts "eval #{label}"
  val
end
p(noisy("a", false) && noisy("b", true))
p(noisy("c", true) && noisy("d", 5))
p(noisy("e", 1) || noisy("f", 2))
p(noisy("g", nil) || noisy("h", 3))
a = nil
b = a || "fallback"
p b
c = 5
c ||= 10
p c
d = nil
d ||= 10
p d
e = 1
e &&= e + 1
p e
f = nil
f &&= f + 1
p f
g = (true and false)
p g
h = true and false
p h
k = (nil or "or value")
p k
l = (not true)
p l
m = (not nil)
p m
x = 5
p(x > 3 && x < 10)
p((x > 3 and x > 10))
p(!(x > 3) || x == 5)
r = false || true && false
p r
s = (false or true and false)
p s
t = nil
t = 1 unless t
p t
u = [nil, false, 0].map { |q| q || "F" }
p u
w = [1, nil, 3].map { |q| q && q * 2 }
p w
