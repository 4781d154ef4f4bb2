# Inheritance, method overriding and super with explicit arguments and ().
class Animal
  attr_reader :name

  def initialize(name)
    @name = name
  end

  def speak
    "..."
  end

  def describe(prefix = "I am")
    "#{prefix} #{@name} and I say #{speak}"
  end

  def legs
    4
  end
end
class Dog < Animal
  def initialize(name, breed)
    super(name)
    @breed = breed
  end

  def speak
    "Woof"
  end

  def describe(prefix = "Doggo")
    super(prefix) + " (#{@breed})"
  end
end
class Bird < Animal
  def speak
    "Tweet"
  end

  def legs
    super() - 2
  end

  def describe(prefix = "Birdie")
    base = super()
    "[#{base}]"
  end
end
class Puppy < Dog
  def speak
    super + "!" + super
  end

  def legs
    super * 1
  end
end
a = Animal.new("generic")
d = Dog.new("Rex", "beagle")
b = Bird.new("Tweety")
pup = Puppy.new("Bit", "pug")
[a, d, b, pup].each do |x|
  puts x.describe
  puts "#{x.name}: #{x.speak}, legs=#{x.legs}, class=#{x.class}"
end
puts d.describe("Custom")
p pup.is_a?(Dog)
p pup.is_a?(Animal)
p pup.is_a?(Bird)
p d.is_a?(Puppy)
p Puppy.new("q", "r").name
