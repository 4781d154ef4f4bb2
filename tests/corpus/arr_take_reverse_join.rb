# reverse, join with and without separator, including nested and nil elements.
a = [1, 2, 3, 4]
p a.reverse
p a
p [].reverse
p [[1, 2], [3]].reverse
r = a.reverse
r << 0
p a
puts a.join
puts a.join(", ")
puts a.join("-")
puts a.join("")
p [].join
p [].join(",")
p [1].join(",")
p ["a", nil, "b"].join("|")
p [1, [2, [3, [4]]]].join(",")
p [1, [], 2].join(",")
p [:x, 2.5, true, nil].join(" ")
p [2 ** 64, -1].join("/")
p ["x", "y"].join(", ").size
s = a.reverse.join
p s
p s.class
words = ["one", "two", "three"]
puts words.reverse.join(" ")
puts words.join(" and ")
puts words.map { |w| w + w }.join
line = Array.new(5) { |i| i * i }.join(" ")
puts line
puts [[1, 2], [3, 4]].map { |row| row.join(" ") }.join("\n")
