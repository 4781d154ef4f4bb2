# begin/rescue/else/ensure ordering, rescue => e, e.message and e.class.
def attempt(n)
  puts "attempt(#{n})"
  begin
    puts "  body start"
    raise "odd number #{n}" if n.odd?
    puts "  body end"
  rescue => e
    puts "  rescued #{e.class}: #{e.message}"
  else
    puts "  else: no exception"
  ensure
    puts "  ensure"
  end
  puts "  after begin"
end
attempt(2)
attempt(3)
begin
  raise "top-level"
rescue => e
  p e.message
  p e.class
  p e.is_a?(RuntimeError)
  p e.is_a?(StandardError)
  p e.is_a?(Exception)
end
begin
  puts "no raise"
rescue
  puts "not run"
end
begin
  raise "without variable"
rescue
  puts "rescued without variable"
end
x = 10
begin
  x = 20
  raise "after assignment"
  x = 30
rescue
  p x
end
p x
e1 = nil
begin
  raise "kept"
rescue => e1
end
p e1.message
msg = begin
  raise "from value"
rescue => err
  "value " + err.message
end
p msg
begin
  begin
    raise "inner"
  ensure
    puts "inner ensure"
  end
rescue => e
  puts "outer caught #{e.message}"
end
begin
  begin
    raise "first"
  rescue => e
    raise "second, after #{e.message}"
  end
rescue => e
  puts e.message
end
