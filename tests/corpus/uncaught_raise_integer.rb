# Ends with an uncaught exception on purpose: Integer is not an exception class, so
# `raise` itself raises a TypeError, which CRuby reports in `raise'.

def fail_with(cls)
  raise cls, "never"
end

begin
  fail_with(ArgumentError)
rescue ArgumentError => e
  puts "rescued #{e.message}"
end
fail_with(Integer)
