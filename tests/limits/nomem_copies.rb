# Run under a 4 GiB address-space limit (tests/limits/README.md). Methods that copy a big
# array or string (dup, reverse, map, flatten, case changes) raise NoMemoryError
# when the copies do not fit, and the memory the failed attempt held is collected before
# the next big allocation.

def try(label)
  r = yield
  puts "#{label}: #{r.size}"
rescue NoMemoryError => e
  puts "#{label}: #{e.class}: #{e.message}"
end

a = [1] * 2**27
try("dup") { a.dup + a.dup + a.dup + a.dup }
try("reverse") { [a.reverse, a.reverse, a.reverse, a.reverse] }
try("map") { [a.map { |x| x }, a.map { |x| x }, a.map { |x| x }] }
try("flatten") { [[a, a, a, a]].flatten }
s = "ab" * 2**28
try("s reverse") { [s.reverse, s.reverse, s.reverse, s.reverse, s.reverse, s.reverse, s.reverse] }
try("s upcase") { [s.upcase, s.upcase, s.upcase, s.upcase, s.upcase, s.upcase, s.upcase] }
try("still working") { Array.new(1000) { |i| "x" * i } }
p a.size, s.size
# (Slices and String#dup are left out: CRuby shares the receiver's memory there, where
# rebound copies, so rebound runs out sooner.)
