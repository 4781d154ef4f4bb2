# Bitwise operators on small, negative and big integers.
puts 12 & 10
puts 12 | 10
puts 12 ^ 10
puts ~12
puts ~0
puts ~-1
puts -12 & 10
puts -12 | 10
puts -12 ^ 10
puts -1 & 255
puts 255 & -256
puts 1 << 10
puts 1 << 62
puts 1 << 63
puts 1 << 64
puts 1 << 100
puts 3 << 70
puts -1 << 70
puts 1024 >> 3
puts -1024 >> 3
puts -1 >> 100
puts 5 >> 100
puts -5 >> 1
puts -5 >> 2
puts 5 << -1
puts 5 >> -2
big = (1 << 100) - 1
puts big
puts big & 0xff
puts big >> 90
puts big ^ (1 << 99)
puts big | (1 << 100)
puts ~big
puts (2 ** 70) & (2 ** 70 + 5)
puts (-(2 ** 70)) & 0xffff
puts (-(2 ** 70)) >> 60
puts (2 ** 64) ^ -1
x = 0
i = 0
while i < 8
  x |= 1 << (i * 2)
  i += 1
end
puts x
y = 0b1011_0110
puts y & 0b1111
puts y >> 4
puts (y << 4) | 0b1010
puts 6 & 3 | 8
puts 6 ^ 3 & 5
puts 1 + 2 << 3
count = 0
v = 0b1101_1011_0111
while v > 0
  count += v & 1
  v >>= 1
end
puts "popcount = #{count}"
