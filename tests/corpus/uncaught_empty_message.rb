# Ends with an uncaught exception on purpose: an ArgumentError whose message is empty.
# CRuby reports such an exception by its class name alone, without "(Class)"; a bare
# `raise` with no exception being handled makes a RuntimeError with an empty message.
begin
  raise
rescue => e
  puts "#{e.class}: [#{e.message}]"
end

def check(n)
  raise ArgumentError, "" if n > 2
  n * 2
end

i = 0
total = 0
while i < 5
  total += check(i)
  puts total
  i += 1
end
