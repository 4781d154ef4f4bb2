# nil? at a site that sees several classes (done inline while it is the core method),
# then Object#nil? and NilClass#nil? redefined: nil keeps its own nil? until NilClass
# redefines it.
class A; end
class B
  def nil?
    true
  end
end
xs = [A.new, nil, 1, B.new, "s", nil]
i = 0
c = 0
while i < 6000
  c += 1 if xs[i % 6].nil?
  i += 1
end
p c
class Object
  def nil?
    :redefined
  end
end
p A.new.nil?, nil.nil?
class NilClass
  def nil?
    :nilclass
  end
end
p nil.nil?, xs.map { |x| x.nil? }
