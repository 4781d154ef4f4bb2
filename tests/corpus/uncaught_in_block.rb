# DELIBERATE: ends with an uncaught NoMethodError raised inside a block in a
# method, after ensure clauses in the frames being unwound have run.
def walk(list)
  list.each do |item|
    puts "length of #{item.inspect} is #{item.size}"
  end
ensure
  puts "walk ensure"
end
def outer(list)
  begin
    walk(list)
  ensure
    puts "outer ensure"
  end
end
outer(["ab", [1, 2, 3]])
outer(["abc", nil, "never"])
puts "not reached"
