# `raise` takes an exception class or object, or anything whose `exception` method
# returns one (CRuby's protocol): `raise Cls, msg` is `Cls.exception(msg)`, `raise exc,
# msg` raises a copy of exc with that message (exc itself is unchanged), and anything
# else is a TypeError raised by `raise` itself. A third argument is the backtrace.

def try(label)
  yield
  puts "#{label}: nothing raised"
rescue StandardError => e
  puts "#{label}: #{e.class}: #{e.message}"
  e
end

class Warning2 < StandardError
  def initialize(msg = "careful")
    super
  end
end

class Envelope
  def self.exception(msg = "from envelope")
    ArgumentError.new("envelope: #{msg}")
  end
end

class Liar
  def self.exception(msg = nil)
    42
  end
end

try("Integer") { raise Integer }
try("42") { raise 42 }
try("nil") { raise nil }
try("string and message") { raise "a", "b" }
try("class") { raise Warning2 }
try("class and message") { raise Warning2, "loud" }
try("object") { raise Warning2.new("built") }
try("envelope") { raise Envelope }
try("envelope and message") { raise Envelope, "hi" }
try("liar") { raise Liar }
try("too many") { raise ArgumentError, "m", [], 4 }
try("bad backtrace") { raise ArgumentError, "m", 5 }
try("backtrace") { raise ArgumentError, "with backtrace", ["elsewhere.rb:3:in `x'"] }

orig = RuntimeError.new("first")
copy = try("object and message") { raise orig, "second" }
p orig.message
p copy.message
p copy.equal?(orig)
p copy.class
same = try("object and itself") { raise orig, orig }
p same.equal?(orig)
p orig.exception.equal?(orig)
p orig.exception("third").message
p orig.message
