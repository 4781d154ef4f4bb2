# to_s overrides are used by puts, print and interpolation; inspect overrides by p.
class Money
  def initialize(cents)
    @cents = cents
  end

  def to_s
    d = @cents / 100
    c = @cents % 100
    "$#{d}.#{c < 10 ? "0" + c.to_s : c}"
  end

  def inspect
    "#<Money #{@cents}c>"
  end
end
m = Money.new(1234)
puts m
print m, "\n"
puts "price: #{m}"
p m
puts m.inspect
p [m, Money.new(5)]
puts [m, Money.new(5)]
puts "#{[m, Money.new(7)]}"
puts [Money.new(100), Money.new(99)].join(", ")
x = p(m)
puts x
class Tag
  def initialize(name)
    @name = name
  end

  def to_s
    "<#{@name}>"
  end
end
t = Tag.new("b")
puts t
puts "tag #{t}"
puts t.to_s + "text"
puts [t, Tag.new("i")].join
class Fancy < Tag
  def to_s
    "*" + super + "*"
  end

  def inspect
    "Fancy(" + to_s + ")"
  end
end
f = Fancy.new("em")
puts f
p f
p [f, [f]]
puts "#{f} / #{[f]}"
