# puts flattens arrays and prints nil elements as empty lines.
puts [1, 2, 3]
puts "--"
puts [1, [2, [3, [4]]]]
puts "--"
puts [1, nil, 2]
puts "--"
puts [nil]
puts "--"
puts []
puts "-- (empty array printed nothing)"
puts [[], []]
puts "--"
puts [1, [], 2]
puts "--"
puts ["a", :b, 2.5, nil, true, false]
puts "--"
puts 1, 2, [3, 4], 5
puts "--"
puts
puts "-- (one blank line above)"
puts "", ""
puts "--"
puts "ends with newline\n"
puts "--"
puts "two newlines\n\n"
puts "--"
puts ["line\n", "another"]
puts "--"
puts [[["deep"]]]
puts [2 ** 64, -1.5e-7]
print [1, [2, nil]], "\n"
print [], "\n"
p [1, [2, nil]]
