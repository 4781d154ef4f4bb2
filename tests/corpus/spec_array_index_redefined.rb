# Array#[] with an Integer index is read inline by versions (the `intrinsics` pass). What
# must still hold: negative and out-of-range indexes, a Float index, an Array subclass
# with its own [], and Array#[] redefined while a loop that reads through it is running
# (every later read, and blocks given to each, which never calls [], see the change).

class Grid
  def initialize(rows)
    @rows = rows
  end

  def at(r, c)
    row = @rows[r]
    row.nil? ? :none : row[c]
  end
end

class Shifted < Array
  def [](i)
    super(i + 1)
  end
end

def sum_at(arr, idx)
  total = 0
  k = 0
  while k < idx.size
    v = arr[idx[k]]
    total += v.nil? ? 1000 : v
    k += 1
  end
  total
end

g = Grid.new([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
acc = 0
200.times do |n|
  acc += g.at(n % 3, n % 4) == :none ? 0 : (g.at(n % 3, n % 4) || 50)
  acc += g.at(-1, -1)
  acc += g.at(5, 0) == :none ? 7 : 0
end
puts acc

data = [10, 20, 30, 40]
idx = [0, 1, 2, 3, -1, -4, 4, 99, -5]
r = 0
300.times { r += sum_at(data, idx) }
puts r
puts sum_at(data, [1.9, 2.2, -1.5])

s = Shifted.new
s.push(5, 6, 7)
puts sum_at(s, [0, 1, 2])

out = []
i = 0
while i < 400
  out << data[i % 4]
  if i == 250
    class Array
      def [](i)
        i * 2
      end
    end
  end
  i += 1
end
puts out.sum
puts out.first(3).inspect
seen = []
data.each { |x| seen << x }
puts seen.inspect
puts g.at(1, 2).inspect
