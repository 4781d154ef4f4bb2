# nil, true and false through puts, print, p, inspect, to_s and interpolation.
puts nil
puts true
puts false
p nil
p true
p false
print nil, true, false, "\n"
print "[", nil, "]\n"
puts nil.to_s
p nil.to_s
p nil.inspect
p true.to_s
p false.inspect
puts "#{nil}|#{true}|#{false}"
puts nil.class
puts true.class
puts false.class
p nil.nil?
p false.nil?
p 0.nil?
p "".nil?
p [nil, true, false]
puts [nil, true, false]
puts [nil, true, false].inspect
p !nil
p !true
p !!nil
p !0
p nil == false
p nil == nil
p true == true
p true & false
p true | false
p false ^ true
p nil & true
p nil | 1
x = nil
puts "x is nil" if x.nil?
puts "x is falsy" unless x
y = 0
puts "0 is truthy" if y
z = ""
puts "empty string is truthy" if z
