# Exceptions propagate through several frames and blocks, running ensures.
def level3(x)
  puts "level3 start"
  raise ArgumentError, "bad x=#{x}" if x < 0
  puts "level3 end"
  x * 2
ensure
  puts "level3 ensure"
end
def level2(x)
  puts "level2 start"
  r = level3(x)
  puts "level2 end"
  r + 1
ensure
  puts "level2 ensure"
end
def level1(x)
  [x].map do |v|
    puts "level1 block"
    level2(v)
  end
end
p level1(5)
begin
  p level1(-1)
rescue ArgumentError => e
  puts "top caught: #{e.message}"
end
def each_with_guard(list)
  list.each do |item|
    begin
      yield item
    rescue ZeroDivisionError => e
      puts "guard: #{item} -> #{e.message}"
    end
  end
end
each_with_guard([5, 0, 2]) { |v| puts "10 / #{v} = #{10 / v}" }
def rethrow_as
  yield
rescue ZeroDivisionError => e
  raise TypeError, "converted: #{e.message}"
end
begin
  rethrow_as { 1 / 0 }
rescue TypeError => e
  puts "#{e.class}: #{e.message}"
end
def not_rescued_here
  yield
rescue TypeError
  puts "wrong rescue clause"
end
begin
  not_rescued_here { raise NameError, "passes through" }
rescue NameError => e
  puts "outer got #{e.message}"
end
steps = []
begin
  [1, 2, 3].each do |a|
    [4, 5].each do |b|
      steps << a * b
      raise "stop at #{a},#{b}" if a * b == 10
    end
  end
rescue => e
  puts e.message
end
p steps
