# Array.new converts its size as CRuby's NUM2LONG does and checks it against CRuby's
# limits: RangeError for floats and big integers outside a C long (the float printed as
# C's %.10g), ArgumentError for negative sizes and sizes past the largest array, and
# never a crash. Array.new is Class#new running Array#initialize, so a subclass's
# initialize runs and errors name `initialize'.

def try(label)
  r = yield
  puts "#{label}: #{r.inspect}"
rescue StandardError => e
  puts "#{label}: #{e.class}: #{e.message}"
end

try("1e308") { Array.new(1e308) }
try("-1e308") { Array.new(-1e308) }
try("1e308 with fill") { Array.new(1e308, 0) }
try("1e308 with block") { Array.new(1e308) { |i| i } }
try("nan") { Array.new(0.0 / 0.0) }
try("inf") { Array.new(1.0 / 0.0) }
try("-inf") { Array.new(-1.0 / 0.0) }
try("1e19") { Array.new(1e19) }
try("9.3e18") { Array.new(9.3e18) }
try("2**63 as float") { Array.new(9223372036854775808.0) }
try("1.2345678912345e21") { Array.new(1.2345678912345e21) }
try("1.5e-3") { Array.new(1.5e-3) }
try("2.7") { Array.new(2.7) }
try("-0.5") { Array.new(-0.5) }
try("-1.5") { Array.new(-1.5) }
try("2**62") { Array.new(2**62) }
try("2**62 with block") { Array.new(2**62) { 0 } }
try("2**60") { Array.new(2**60, 1) }
try("2**64") { Array.new(2**64) }
try("-2**64") { Array.new(-2**64) }
try("-(2**62)") { Array.new(-(2**62)) }
try("-1") { Array.new(-1) }
try("nil") { Array.new(nil) }
try("true") { Array.new(true) }
try("string") { Array.new("3") }
try("symbol") { Array.new(:three) }
try("three arguments") { Array.new(1, 2, 3) }
try("zero") { Array.new(0) }
try("fill") { Array.new(3, "x") }
try("block") { Array.new(4) { |i| i * i } }
try("copy") { Array.new([1, [2, 3]]) }
try("copy and fill") { Array.new([1, 2], 0) }
try("no argument") { Array.new }

class Row < Array
  def initialize(n)
    super(n, 7)
  end
end

r = Row.new(3)
p r
p r.class
try("subclass too big") { Row.new(2**62) }
try("subclass 1e308") { Row.new(1e308) }
