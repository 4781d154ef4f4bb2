# A private method called with a receiver raises NoMethodError in every tier: the
# optimizing tier must not inline the call it profiled (the receiver's class is known
# and the name resolves to a Ruby method), nor run it through an inline cache.

def secret(x)
  x * 2
end

class Box
  def twice(x)
    secret(x)
  end
end

def probe(o, i)
  o.secret(i)
rescue NoMethodError => e
  e.message
end

b = Box.new
out = []
i = 0
while i < 60
  out << b.twice(i)
  out << probe(i, i)
  i += 1
end
p out.size
p out[0, 4]
p out[-2, 2]
p out.count { |x| x.is_a?(String) }
