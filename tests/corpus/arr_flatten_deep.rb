# Array#flatten spreads nested arrays at any depth and refuses a recursive one.
deep = [7]
i = 0
while i < 5000
  deep = [i, deep]
  i += 1
end
flat = deep.flatten
p flat.size
p flat.first(3)
p flat.last(2)

shared = [1, 2]
p [shared, [shared, [shared]]].flatten

loop_arr = [1, [2]]
loop_arr[1] << loop_arr
begin
  loop_arr.flatten
rescue ArgumentError => e
  puts "ArgumentError: #{e.message}"
end
p [[], [[]], [[[]]]].flatten
