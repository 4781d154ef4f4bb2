# DELIBERATE: ends with an uncaught ArgumentError (wrong number of arguments);
# CRuby reports it at the line of the called method's def.
def area(w, h)
  w * h
end
p area(3, 4)
p area(2.5, 2)
begin
  area(1, 2, 3)
rescue ArgumentError => e
  puts "rescued: #{e.message}"
end
p area(7)
