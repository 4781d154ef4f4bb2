# Ends with an uncaught exception on purpose: the third argument of `raise` is the
# backtrace, whose first line is the place the report names.

def fail_far
  raise ArgumentError, "given a place", ["elsewhere.rb:42:in `far_away'", "t.rb:1"]
end

puts "before"
fail_far
