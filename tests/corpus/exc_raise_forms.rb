# raise "msg", raise Class, raise Class, "msg", raise Class.new("msg").
def try
  yield
rescue => e
  puts "#{e.class}: #{e.message}"
end
try { raise "plain message" }
try { raise RuntimeError, "runtime with message" }
try { raise ArgumentError, "bad argument" }
try { raise ArgumentError }
try { raise TypeError.new("constructed type error") }
try { raise ZeroDivisionError, "custom zero" }
try { raise NameError, "custom name" }
try { raise StandardError }
try { raise StandardError.new }
try { raise RuntimeError.new("rt") }
e = ArgumentError.new("made but not raised")
p e.message
p e.class
try { raise e }
m = "dynamic #{1 + 2}"
try { raise m }
try { raise "#{:sym} #{[1, nil]}" }
class NotAnError
end
begin
  raise NotAnError
rescue TypeError => t
  puts "#{t.class}: #{t.message}"
end
begin
  raise 42
rescue TypeError => t
  puts "#{t.class}: #{t.message}"
end
