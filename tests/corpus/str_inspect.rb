# String#inspect via p, inspect and arrays.
strs = ["simple", "", "with space", "tab\t", "nl\n", "cr\r", "q\"q", "b\\b",
        "esc\e", "nul\0", "\x01\x02\x1f", "del\x7f", "#not", "\#{x}", "\#$x", "\#@x",
        "#x#", "caf\u00e9", "smile \u263a", "'single'"]
strs.each do |s|
  p s
  puts s.inspect
  puts s.inspect.size
end
p strs
puts "#{strs}"
x = "abc".inspect
puts x
puts x.size
puts x.inspect
puts x.inspect.inspect
p nil.inspect, true.inspect, 1.inspect, 1.5.inspect, :sym.inspect
