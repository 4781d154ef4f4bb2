# unless / unless-else and unless modifiers.
def check(n)
  unless n > 0
    "not positive"
  else
    "positive"
  end
end
[-1, 0, 1].each { |n| puts "#{n}: #{check(n)}" }
x = unless false then "ran" end
p x
y = unless true then "ran" end
p y
list = [1, nil, 2, false, 3]
list.each do |v|
  unless v
    puts "skip #{v.inspect}"
  else
    puts "keep #{v}"
  end
end
k = 0
puts "k is zero" unless k != 0
puts "never printed" unless k == 0
count = 0
count += 1 unless count > 0
count += 1 unless count > 0
p count
unless [].empty?
  puts "not empty"
else
  puts "empty"
end
