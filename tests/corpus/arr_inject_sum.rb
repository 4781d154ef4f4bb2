# inject with/without an initial value, sum of ints, floats and big ints.
a = [1, 2, 3, 4, 5]
p a.inject { |s, x| s + x }
p a.inject(0) { |s, x| s + x }
p a.inject(100) { |s, x| s + x }
p a.inject { |s, x| s * x }
p a.inject(1) { |s, x| s * x }
p a.inject { |m, x| x > m ? x : m }
p a.inject("") { |s, x| s + x.to_s }
p a.inject([]) { |acc, x| acc << x * 2 }
p [7].inject { |s, x| s + x }
p [].inject { |s, x| s + x }
p [].inject(42) { |s, x| s + x }
steps = []
r = [1, 2, 3].inject(10) do |s, x|
  steps << "#{s}+#{x}"
  s + x
end
p steps
p r
p a.sum
p [].sum
p [1.5, 2.5].sum
p [1, 2.5].sum
p [0.1, 0.2, 0.3].sum
p [0.1, 0.2, 0.3].inject { |s, x| s + x }
p [0.1, 0.2, 0.3].inject(0) { |s, x| s + x }
p [0.1].sum
p [3, 0.1, 0.2, 0.3].sum
p [1e100, 1.0, -1e100].sum
p [2 ** 64, 2 ** 64, 1].sum
p [2 ** 64, -(2 ** 64)].sum
p Array.new(100) { |i| i + 1 }.sum
p Array.new(30) { |i| 2 ** i }.inject { |s, x| s + x }
fact = Array.new(25) { |i| i + 1 }.inject(1) { |s, x| s * x }
p fact
