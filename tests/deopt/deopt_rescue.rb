# Guard failure in a method with a rescue clause. `ratio_sum` divides every
# element by `d` inside begin/rescue/else/ensure; it is hot with Integers.
# Then Floats break the type guards inside the begin body. A deopt is not an
# exception: it must not run the rescue clause. Later, an Integer division by
# zero (after a deopt in the same call, and without one) must be caught by
# the rescue exactly once, with the else clause skipped, and the ensure run
# once per call.
class Counter
  attr_reader :rescued, :elses, :ensures

  def initialize
    @rescued = 0
    @elses = 0
    @ensures = 0
  end

  def rescue_seen
    @rescued += 1
  end

  def else_seen
    @elses += 1
  end

  def ensure_seen
    @ensures += 1
  end

  def to_s
    "rescued=#{@rescued} elses=#{@elses} ensures=#{@ensures}"
  end
end

C = Counter.new

def ratio_sum(arr, d)
  total = 0
  begin
    arr.each { |x| total += x / d }
  rescue ZeroDivisionError => e
    C.rescue_seen
    total = "rescued #{e.message} at #{total}"
  else
    C.else_seen
  ensure
    C.ensure_seen
  end
  total
end

# Hot phase: Integers, never dividing by zero.
check = 0
i = 0
while i < 400
  check += ratio_sum([i, i * 2, 7, i % 13], i % 5 + 1)
  i += 1
end
p check
puts C

# Floats: the guards fail, no exception is raised.
p ratio_sum([1, 2.5, 4], 2)
p ratio_sum([10, 20], 4.0)
p ratio_sum([3.0, 1], 0)
puts C

# Integer division by zero: rescued exactly once per call.
p ratio_sum([1, 2, 3], 0)
puts C
# A Float element first (deopt), then an Integer divided by zero in the
# same call.
p ratio_sum([1.5, 2, 3], 0)
puts C
p ratio_sum([4, 0.5, 6, 8], 0)
puts C

# Integers again; then one more exception.
p ratio_sum([9, 12], 3)
p ratio_sum([0, 5], 0)
puts C
