# Hexadecimal, binary and underscore-separated integer literals.
puts 0xff
puts 0xFF
puts 0x0
puts 0x7fff_ffff
puts 0xFFFF_FFFF_FFFF_FFFF
puts 0x1_0000_0000_0000_0000
puts 0b0
puts 0b1
puts 0b1010
puts 0b1111_1111
puts 0b1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000
puts 1_000_000
puts 1_2_3
puts 9_223_372_036_854_775_807
puts 9_223_372_036_854_775_808
puts -0x10
puts -0b11
p 0xdead_beef, 0b101, 12_345
puts 0xff + 0b1 + 1_000
puts 123456789012345678901234567890
puts -123456789012345678901234567890
puts 0x10 * 0x10
a = [0x1, 0x10, 0x100, 0x1000]
p a
puts a.sum
