# ensure runs exactly once: with return, break, next, and with exceptions.
def ret_in_body
  begin
    puts "body"
    return "returned from body"
  ensure
    puts "ensure after return"
  end
  "not reached"
end
p ret_in_body
def ret_in_rescue
  begin
    raise "x"
  rescue
    return "returned from rescue"
  ensure
    puts "ensure after rescue-return"
  end
end
p ret_in_rescue
def ensure_overrides
  begin
    return 1
  ensure
    puts "ensure with its own return"
    return 2
  end
end
p ensure_overrides
def ensure_value_ignored
  begin
    "body value"
  ensure
    "ensure value"
  end
end
p ensure_value_ignored
i = 0
while i < 5
  begin
    i += 1
    next if i == 2
    break if i == 4
    puts "loop body #{i}"
  ensure
    puts "loop ensure #{i}"
  end
end
p i
count = 0
[1, 2, 3].each do |x|
  begin
    next if x == 2
    puts "each body #{x}"
  ensure
    count += 1
  end
end
p count
def nested_ensures
  begin
    begin
      return "deep"
    ensure
      puts "inner ensure"
    end
  ensure
    puts "outer ensure"
  end
end
p nested_ensures
def ensure_with_raise
  begin
    raise ArgumentError, "boom"
  ensure
    puts "ensure before propagation"
  end
end
begin
  ensure_with_raise
rescue ArgumentError => e
  puts "caught #{e.message}"
end
def method_level_ensure(n)
  return "early" if n > 0
  "late"
ensure
  puts "method-level ensure (n=#{n})"
end
p method_level_ensure(1)
p method_level_ensure(0)
