# Building strings with + and interpolation in loops.
s = ""
i = 0
while i < 26
  s = s + (i % 2 == 0 ? "a" : "b") + i.to_s
  i += 1
end
puts s
puts s.size
row = ""
1.upto(10) { |k| row = "#{row}#{k}," }
puts row
puts row.size
tri = []
1.upto(6) do |n|
  line = ""
  n.times { |j| line = line + "*" }
  spaces = ""
  (6 - n).times { spaces = spaces + " " }
  tri << spaces + line
end
puts tri
bin = []
[0, 1, 2, 5, 10, 255, 1024].each do |n|
  digits = ""
  v = n
  if v == 0
    digits = "0"
  end
  while v > 0
    digits = (v % 2).to_s + digits
    v /= 2
  end
  bin << digits
end
p bin
words = ["the", "quick", "brown", "fox"]
sentence = words.inject { |acc, w| acc + " " + w }
p sentence
p sentence.size
csv = [[1, "a"], [2, "b"], [3, nil]].map { |r| r.join(";") }.join("\n")
puts csv
big = ""
200.times { |k| big = big + (k % 10).to_s }
p big.size
out = ""
10.times do |k|
  out = out + "#{k}:#{k * k}"
  out = out + " " if k < 9
end
puts out
