# Run under a 4 GiB address-space limit (tests/limits/README.md). Text built from big
# values (chars, inspect, interpolation, +) raises NoMemoryError when it does not fit,
# and the program goes on.

def try(label)
  r = yield
  puts "#{label}: #{r.size}"
rescue NoMemoryError => e
  puts "#{label}: #{e.class}: #{e.message}"
end

s = "ab" * 2**28
try("chars") { s.chars }
try("interpolation") { ["#{s}#{s}", "#{s}#{s}", "#{s}#{s}", "#{s}#{s}"] }
try("plus") { [s + s, s + s, s + s, s + s] }
a = ["abcdefgh"] * 2**26
try("inspect") { [a.inspect, a.inspect] }
try("to_s") { [a.to_s, a.to_s] }
try("join") { a.join(",") }
try("still working") { Array.new(1000) { |i| "x#{i}" * i } }
p s.size, a.size
