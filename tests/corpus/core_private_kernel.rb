# Kernel's functions (puts, print, p, raise), `initialize` and top-level methods are
# private: called with an explicit receiver they raise NoMethodError ("private method
# ... called"), while `self.` and a bare call may call them. An alias of a private
# method is private; respond_to? does not see private methods unless asked to.

def helper(x)
  x + 1
end

class Gauge
  def initialize(v)
    @v = v
  end

  def inspect
    "#<Gauge>"
  end

  def show
    self.puts "gauge #{@v}"
    puts helper(@v)
  end

  alias say puts
end

def try(label)
  r = yield
  puts "#{label}: #{r.inspect}"
rescue NoMethodError => e
  puts "#{label}: #{e.class}: #{e.message}"
end

g = Gauge.new(4)
g.show
try("nil.puts") { nil.puts "x" }
try("1.p") { 1.p 2 }
try("str.print") { "s".print "y" }
try("obj.raise") { g.raise "boom" }
try("obj.say") { g.say "aliased" }
try("obj.initialize") { g.initialize(5) }
try("obj.helper") { g.helper(1) }
try("3.helper") { 3.helper(1) }
try("send puts") { g.send(:puts, "sent") }
try("send helper") { 5.send(:helper, 1) }
try("respond_to? puts") { g.respond_to?(:puts) }
try("respond_to? puts, true") { g.respond_to?(:puts, true) }
try("respond_to? show") { g.respond_to?(:show) }
try("respond_to? initialize") { g.respond_to?(:initialize) }
try("method_defined? helper") { Object.method_defined?(:helper) }
try("method_defined? show") { Gauge.method_defined?(:show) }
