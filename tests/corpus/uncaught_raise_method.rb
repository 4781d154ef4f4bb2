# DELIBERATE: ends with an uncaught RuntimeError raised inside a method
# (exit status 1; stderr names the method).
def compute(values)
  total = 0
  values.each_with_index do |v, i|
    total += v
    puts "step #{i}: total=#{total}"
  end
  check(total)
end
def check(total)
  raise "total too large: #{total}" if total > 10
  total
end
p compute([1, 2, 3])
p compute([4, 5, 6])
puts "never printed"
