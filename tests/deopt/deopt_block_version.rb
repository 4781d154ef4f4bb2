# A block that gets hot on its own. `each_safely` yields from inside a
# begin/rescue, which the inliner leaves alone, so the blocks given to it run
# through `yield` and each gets an optimized version of its own once hot. The
# blocks' arithmetic is specialised to Integers; later a Float (and then a
# String) reaches them, a guard in the block's version fails, and the block's
# frame is rebuilt from the version's: the locals it shares with its method,
# its `break`, and the `return` from the method it was written in must all
# keep working.
def each_safely(items)
  i = 0
  begin
    while i < items.size
      yield items[i]
      i += 1
    end
  rescue ZeroDivisionError
    puts "rescued at #{i}"
  end
  i
end

def total_scaled(items, k)
  acc = 0
  count = 0
  each_safely(items) do |x|
    acc = (acc + x * k) % 1_000_003
    count += 1
  end
  [acc, count]
end

def first_big(items, limit)
  each_safely(items) do |x|
    return x if x * 2 > limit
  end
  nil
end

def upto_limit(items, limit)
  seen = 0
  r = each_safely(items) do |x|
    break seen * 10 if x * 3 > limit
    seen += 1
  end
  [r, seen]
end

def numbers(n)
  Array.new(n) { |i| i + 1 }
end

ints = numbers(3000)
p total_scaled(ints, 3)
p total_scaled(ints, 5)
p first_big(ints, 4000)
p upto_limit(ints, 6000)

mixed = numbers(3000)
mixed[2000] = 2.5
p total_scaled(mixed, 3)
p first_big(mixed, 4002)
p upto_limit(mixed, 6000)
mixed[1500] = 1000.5
p first_big(mixed, 2000)
p upto_limit(mixed, 3001.5)

with_string = numbers(10)
with_string[7] = "x"
begin
  p total_scaled(with_string, 3)
rescue TypeError => e
  puts "TypeError: #{e.message}"
end

p total_scaled(ints, 7)
p each_safely([1, 0, 2]) { |x| puts 10 / x }
