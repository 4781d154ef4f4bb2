# NameError for undefined locals/methods and constants; NoMethodError is a NameError.
begin
  puts undefined_local
rescue NameError => e
  puts "#{e.class}: #{e.message}"
end
begin
  UndefinedConstant
rescue NameError => e
  puts "#{e.class}: #{e.message}"
end
begin
  x = 1
  y = x + z
rescue NameError => e
  puts "#{e.class}: #{e.message}"
end
def uses_missing
  missing_thing + 1
end
begin
  uses_missing
rescue NameError => e
  puts "#{e.class}: #{e.message}"
end
begin
  missing_call(1)
rescue NameError => e
  puts "#{e.class}: #{e.message}"
end
begin
  [1, 2].each { |v| v + not_here }
rescue NameError => e
  puts "#{e.class}: #{e.message}"
end
if false
  assigned_later = 5
end
p assigned_later
def check_class_method
  Zzz.new
end
begin
  check_class_method
rescue NameError => e
  puts "#{e.class}: #{e.message}"
end
begin
  nil.nothing
rescue NameError => e
  puts "NoMethodError caught as NameError: #{e.class}"
end
