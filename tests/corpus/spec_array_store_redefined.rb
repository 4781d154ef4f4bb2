# Array#[]= with an Integer index is written inline by versions (the `intrinsics` pass).
# What must still hold: growing the array past its end, negative indexes, an index before
# the start (IndexError), a frozen array (FrozenError), a Float index, and Array#[]=
# redefined while a loop that writes through it is running.

def fill(arr, idx, v)
  k = 0
  while k < idx.size
    arr[idx[k]] = v + k
    k += 1
  end
  arr
end

total = 0
300.times do |n|
  a = [0, 0, 0]
  fill(a, [0, 2, -1, 5], n)
  total += a.size + (a[5] || 0) + a[2] + (a[4].nil? ? 1 : 0)
end
puts total
p fill([1, 2, 3], [1.7, -2.2], 10)

errors = []
30.times do |n|
  begin
    fill([1, 2], [0, -3], n)
  rescue IndexError => e
    errors << e.message
  end
end
puts errors.uniq.inspect
frozen = [1, 2, 3].freeze
30.times do
  begin
    fill(frozen, [0], 1)
  rescue => e
    errors << e.class.name
  end
end
puts errors.last

log = []
grid = Array.new(4) { [0, 0, 0, 0] }
i = 0
while i < 400
  grid[i % 4][(i / 4) % 4] = i
  if i == 250
    class Array
      def []=(k, v)
        push(k * 1000 + v)
      end
    end
  end
  i += 1
end
puts grid.map { |r| r.size }.inspect
puts grid[0].first(6).inspect
puts grid[1].last(2).inspect
