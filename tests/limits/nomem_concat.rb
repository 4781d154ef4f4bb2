# Run under a 4 GiB address-space limit (tests/limits/README.md). `+` and `<<` make a
# result as long as their operands together; when its room cannot be had, they raise
# NoMemoryError (the point where CRuby and rebound run out differs, the outcome not).

def try(label)
  r = yield
  puts "#{label}: #{r.size}"
rescue NoMemoryError => e
  puts "#{label}: #{e.class}: #{e.message}"
end

s = "ab" * 2**28
try("s + s + s + s + s + s") { s + s + s + s + s + s }
a = [1] * 2**25
try("a + a + a + a + a + a + a + a") { a + a + a + a + a + a + a + a }
p s.size
p a.size
