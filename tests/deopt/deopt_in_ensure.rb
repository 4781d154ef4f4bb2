# Guard inside begin/ensure: the hot loop of `run` sits inside a
# begin ... ensure ... end. It is hot with Integer arrays; then an array with
# a Float breaks the type guard on `total += arr[i]` inside the begin body.
# A deopt is not an exception: the ensure clause must run exactly once per
# call, when IR0's own control reaches it (checked with a counter), also when
# the call returns early or raises after the deopt.
class Tally
  attr_reader :calls, :ensures, :log

  def initialize
    @calls = 0
    @ensures = 0
    @log = []
  end

  def bump_calls
    @calls += 1
  end

  def bump_ensures
    @ensures += 1
  end
end

TALLY = Tally.new

def run(arr, limit)
  TALLY.bump_calls
  total = 0
  begin
    i = 0
    while i < arr.size
      total += arr[i]
      return -total if total > limit
      i += 1
    end
  ensure
    TALLY.bump_ensures
    TALLY.log << total if TALLY.calls > 400
  end
  total
end

def report(label, value)
  puts "#{label}: #{value.inspect} calls=#{TALLY.calls} ensures=#{TALLY.ensures} log=#{TALLY.log.inspect}"
end

# Hot phase: Integer arrays, never over the limit.
data = [1, 2, 3, 4, 5, 6, 7, 8]
check = 0
i = 0
while i < 400
  data[i % 8] = i % 11
  check += run(data, 1000)
  i += 1
end
p check
report("hot", TALLY.calls == TALLY.ensures)

# A Float in the middle of the array: the guard fails inside begin.
report("float middle", run([1, 2, 2.5, 3, 4], 1000))
report("float first", run([0.5, 1, 1], 1000))
# Early return through the ensure after the deopt.
report("early return", run([10, 20.5, 30, 40], 25))
# Early return with Integers only.
report("int return", run([10, 20, 30, 40], 25))
# An exception raised in the begin body after the deopt (Float + nil).
begin
  run([1, 1.5, nil, 4], 1000)
rescue TypeError => e
  puts "TypeError: #{e.message}"
end
report("raised", TALLY.calls == TALLY.ensures)
# An exception with Integers only.
begin
  run([1, 2, nil], 1000)
rescue TypeError => e
  puts "TypeError: #{e.message}"
end
report("raised int", TALLY.calls == TALLY.ensures)

# Integers again, then many mixed calls.
report("ints", run([5, 5, 5], 1000))
mixed = 0
i = 0
while i < 200
  arr = i % 3 == 0 ? [i, 0.5, 1] : [i, 1, 2]
  mixed += run(arr, 150)
  i += 1
end
p mixed
p TALLY.calls
p TALLY.ensures
p TALLY.calls == TALLY.ensures
p TALLY.log.size
