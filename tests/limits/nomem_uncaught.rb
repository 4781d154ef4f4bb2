# Run under a 4 GiB address-space limit (tests/limits/README.md). Ends with an uncaught
# NoMemoryError on purpose: like CRuby's, it has no backtrace, and the report names the
# program's file alone.

def table(n)
  Array.new(n, 0)
end

p table(3)
p table(1e10).size
