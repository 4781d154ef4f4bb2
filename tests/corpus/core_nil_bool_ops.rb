# The logical operators of nil, true and false: &, | and ^ take any object as their
# operand and answer by its truthiness (nil ^ x is like false ^ x).
operands = [nil, false, true, 0, "", :s, [], 1.5]
[nil, true, false].each do |left|
  row = operands.map { |right| [left & right, left | right, left ^ right] }
  puts "#{left.inspect}: #{row.inspect}"
end

# In a hot loop, so that the opt tier builds versions of it.
count = 0
i = 0
while i < 3000
  v = i % 3 == 0 ? nil : i.even?
  count += 1 if v ^ (i % 5 == 0)
  count += 10 if nil ^ v
  i += 1
end
p count
p nil.respond_to?(:^), nil.send(:^, 1), (nil ^ nil).class
