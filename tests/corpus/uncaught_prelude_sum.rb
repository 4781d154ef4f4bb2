# Ends with an uncaught exception on purpose. Array#sum is written in Ruby in rebound's
# prelude but is a C function in CRuby: the TypeError of `1 + "two"` is reported at the
# program's line, in `+' (the method Array#sum called), not at a line of the prelude.

def total(values)
  values.sum
end

p total([1, 2, 3])
p total([1.5, 2])
p total([1, "two", 3])
