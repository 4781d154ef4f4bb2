# class and is_a? with superclasses, including core classes.
class Vehicle
end
class Car < Vehicle
end
class SportsCar < Car
end
class Boat < Vehicle
end
objs = [Vehicle.new, Car.new, SportsCar.new, Boat.new]
klasses = [Vehicle, Car, SportsCar, Boat, Object]
objs.each do |o|
  line = "#{o.class}:"
  klasses.each do |k|
    line = line + " #{k}=#{o.is_a?(k)}"
  end
  puts line
end
vals = [1, 2 ** 100, 1.5, "s", :s, nil, true, false, [1]]
vals.each do |v|
  puts "#{v.inspect}: class=#{v.class} Integer=#{v.is_a?(Integer)} Float=#{v.is_a?(Float)} Object=#{v.is_a?(Object)}"
end
p nil.is_a?(NilClass)
p true.is_a?(TrueClass)
p false.is_a?(FalseClass)
p "x".is_a?(String)
p :x.is_a?(Symbol)
p [].is_a?(Array)
p 3.class == Integer
p 3.class == Float
p (2 ** 64).class == 3.class
p 3.0.class
p Car.new.class == Car
p Car.new.class == Vehicle
p SportsCar.new.is_a?(Vehicle)
p ZeroDivisionError.new.is_a?(StandardError)
p NoMethodError.new.is_a?(NameError)
p ArgumentError.new.is_a?(NameError)
p Car
puts Car
puts "#{SportsCar}"
p [Car, Boat]
