# Runaway recursion raises SystemStackError, which can be rescued; the program
# then carries on normally.
def runaway(n)
  runaway(n + 1) + 1
end
puts "before"
begin
  runaway(0)
rescue SystemStackError => e
  puts e.class
  puts e.message
end
puts "after"
def fine(n)
  n == 0 ? 0 : 1 + fine(n - 1)
end
p fine(200)
begin
  runaway(0)
rescue SystemStackError => e
  puts "second time: #{e.message}"
end
p fine(300)
