# Mixed big/small integer operations and comparisons.
big = 2 ** 100
small = 12345
puts big + small
puts small + big
puts big - small
puts small - big
puts big * small
puts small * big
puts big / small
puts big % small
puts small / big
puts small % big
puts (-small) % big
puts (-small) / big
puts big / (-small)
puts big % (-small)
puts big * -1
puts big - big
puts (big - big).class
puts (big + 1 - big)
puts big / big
puts big > small
puts big < small
puts small < big
puts big == big
puts big == 2 ** 100
puts big != 2 ** 100 + 1
puts big <=> small
puts small <=> big
puts big <=> 2 ** 100
puts (-big) < small
puts big > 1.0e20
puts big < 1.0e40
puts big == 1267650600228229401496703205376.0
puts big.to_f
puts (big + 0.5)
puts big / 2.0
puts big.class
puts big.even?
puts (big + 1).odd?
puts (-big).abs
p big, -big
p [big, small, -big]
puts "#{big}|#{-big}"
c = 10 ** 20
d = 10 ** 19
puts c - d * 9
puts c / d
puts (c - 1) / d
puts c % (d - 1)
puts 18446744073709551615 + 1
puts 18446744073709551616 - 1
puts (18446744073709551616 - 18446744073709551615)
