# Block scoping: block params and block-local variables are fresh on every
# iteration, while variables that already exist outside are shared.
[1, 2, 3].each do |i|
  x = (x || 0) + i
  print "fresh x=#{x} "
end
puts
y = 0
[1, 2, 3].each do |i|
  y = (y || 0) + i
  print "shared y=#{y} "
end
puts
p y
i = 100
[1, 2].each { |i| }
p i
j = 0
k = 0
while j < 3
  inside_while = j * 10
  j += 1
end
p inside_while
seen = []
[10, 20, 30].each_with_index do |v, idx|
  seen << [idx, v]
  idx = -1
  v = nil
end
p seen
def capture_loop_var
  out = []
  n = 0
  while n < 3
    [1].each { out << n }
    n += 1
  end
  out
end
p capture_loop_var
def block_sees_param_change(v)
  r = []
  2.times do
    r << v
    v += 5
  end
  [r, v]
end
p block_sees_param_change(1)
def yields_twice
  yield
  yield
end
calls = 0
yields_twice do
  calls += 1
  local_count = (local_count || 100) + 1
  puts "calls=#{calls} local_count=#{local_count}"
end
p k
