# A bare `raise` in a rescue clause re-raises the exception being handled, with its
# message, class and place; after an inner begin/rescue it is still the outer one.
class AppError < StandardError
end

def risky(n)
  raise AppError, "bad #{n}" if n.odd?
  n
end

def wrap(n)
  risky(n)
rescue AppError
  puts "wrap saw #{n}"
  raise
end

[2, 3].each do |n|
  begin
    p wrap(n)
  rescue => e
    p e.class
    p e.message
  end
end

begin
  begin
    raise ArgumentError, "outer"
  rescue ArgumentError
    begin
      raise "inner"
    rescue
      puts "inner handled"
    end
    raise
  end
rescue => e
  p [e.class, e.message]
end

i = 0
count = 0
while i < 50
  begin
    begin
      risky(i)
    rescue AppError
      raise
    end
  rescue AppError => e
    count += 1
  end
  i += 1
end
p count

begin
  raise "last"
rescue
  raise
end
