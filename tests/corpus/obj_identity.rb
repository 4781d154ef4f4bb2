# equal? (identity) versus == (value equality), !=, nil?.
a = "text"
b = "text"
c = a
p a == b
p a.equal?(b)
p a.equal?(c)
p a != b
c = c + "!"
p a
p c
p a.equal?(c)
arr1 = [1, 2]
arr2 = arr1
arr2 << 3
p arr1
p arr1.equal?(arr2)
p 1.equal?(1)
p :s.equal?(:s)
p nil.equal?(nil)
p true.equal?(true)
p nil == false
p nil != false
class Thing
  def initialize(v)
    @v = v
  end
end
t1 = Thing.new(1)
t2 = Thing.new(1)
t3 = t1
p t1 == t2
p t1 == t3
p t1 != t2
p t1.equal?(t3)
p t1.equal?(t2)
p t1.nil?
p nil.nil?
p [nil].first.nil?
things = [t1, t2, t3]
p things.count(t1)
p things.include?(t2)
p things.select { |t| t.equal?(t1) }.size
p 1 == 1.0
p 1.equal?(1.0)
p "a" == "a"
p "a" != "b"
p [1, "a", :b, nil].map { |v| v.nil? }
s1 = "abc"
s2 = s1.to_s
p s1.equal?(s2)
