# Ends with an uncaught exception on purpose: Kernel#puts is private, so calling it with
# an explicit receiver is a NoMethodError.

puts "plain"
self.puts "through self"
nil.puts "never printed"
