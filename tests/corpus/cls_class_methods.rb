# def self.name class methods, factories, class methods calling each other.
class Temperature
  attr_reader :celsius

  def initialize(c)
    @celsius = c
  end

  def self.from_fahrenheit(f)
    new((f - 32) * 5.0 / 9)
  end

  def self.freezing
    new(0)
  end

  def self.describe
    "Temperature class, self is #{self}"
  end

  def self.both(f)
    [from_fahrenheit(f).celsius, self.freezing.celsius]
  end

  def fahrenheit
    @celsius * 9.0 / 5 + 32
  end
end
t = Temperature.from_fahrenheit(212)
p t.celsius
p Temperature.freezing.fahrenheit
puts Temperature.describe
p Temperature.both(50)
p Temperature.new(37).fahrenheit
class MathUtil
  def self.square(x)
    x * x
  end

  def self.sum_squares(list)
    list.inject(0) { |s, x| s + square(x) }
  end
end
p MathUtil.square(12)
p MathUtil.sum_squares([1, 2, 3, 4])
p MathUtil.square(2 ** 40)
class Special < Temperature
  def self.freezing
    new(-1)
  end
end
p Special.freezing.celsius
p Special.from_fahrenheit(32).class
p Special.both(32)
p Special.describe
