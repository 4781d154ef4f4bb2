# DELIBERATE: ends with an uncaught ZeroDivisionError from Integer#/ at top
# level (the first stderr line names the `/' frame).
nums = [10, 5, 2, 1, 0]
nums.each do |d|
  puts "100 / #{d} = #{100 / d}" if d > 0
end
puts "now dividing by zero"
x = 100 / nums.last
puts x
