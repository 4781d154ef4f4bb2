# Run under a 4 GiB address-space limit (tests/limits/README.md). Sizes that pass
# CRuby's checks but cannot be allocated raise NoMemoryError, which a program can
# rescue; the process neither aborts nor panics, and goes on working.

def try(label)
  r = yield
  puts "#{label}: #{r.size}"
rescue NoMemoryError => e
  puts "#{label}: #{e.class}: #{e.message}"
end

try("Array.new(1e10)") { Array.new(1e10) }
try("Array.new(1e10, 0)") { Array.new(1e10, 0) }
try("Array.new(1e10) { }") { Array.new(1e10) { |i| i } }
try("Array.new(2**59)") { Array.new(2**59) }
try("[1] * 1e10") { [1] * 1e10 }
try("[1, 2] * 2**40") { [1, 2] * 2**40 }
try("\"ab\" * 1e10") { "ab" * 1e10 }
try("\"a\" * 2**61") { "a" * 2**61 }
try("b[1e10] = 1") { b = [1]; b[1e10] = 1; b }
try("b[2**40, 0] = 1") { b = [1]; b[2**40, 0] = 1; b }
try("insert 1e10") { [1].insert(1e10, 2) }
try("1 << 2**40") { 1 << 2**40 }
try("after all that") { Array.new(1000) { |i| "x" * i } }
