# A bare identifier that names no method, inside a method that hot code
# inlines: the NameError must say "undefined local variable or method", as
# CRuby's does, also when the lookup runs in optimized code. A bare call that
# does name a (private) method keeps working there too.
def helper_value
  2
end

def lookup(flag)
  if flag
    no_such_helper
  else
    helper_value
  end
end

def scan(n)
  total = 0
  i = 0
  while i < n
    begin
      total += lookup(i % 50 == 49)
    rescue NameError => e
      puts "#{i}: #{e.class}: #{e.message}"
    end
    i += 1
  end
  total
end

p scan(200)
p scan(120)
r = [0, 1, 2].map do |k|
  begin
    lookup(k == 1)
  rescue NameError => e
    e.message
  end
end
p r
