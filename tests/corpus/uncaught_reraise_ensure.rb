# DELIBERATE: an exception raised inside a rescue clause escapes after the
# ensure clause runs; the program ends with an uncaught TypeError.
def convert(v)
  begin
    10 / v
  rescue ZeroDivisionError => e
    puts "rescue saw: #{e.message}"
    raise TypeError, "cannot convert #{v.inspect}"
  ensure
    puts "ensure for #{v.inspect}"
  end
end
p convert(5)
p convert(0)
puts "not reached"
