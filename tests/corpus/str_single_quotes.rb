# Single-quoted strings: only \\ and \' are escapes.
a = 'plain text'
b = 'it\'s'
c = 'back\\slash'
d = 'no \n escape'
e = 'no #{interpolation} here'
f = 'double " quote'
g = 'trailing backslash \\'
[a, b, c, d, e, f, g].each do |s|
  puts s
  p s
  puts s.size
end
puts 'a' + "b" + 'c'
p 'tab \t stays' + "\ttab"
puts 'mixed ' + "#{1 + 1}" + ' #{1 + 1}'
p '\x41\u0041'
puts '\x41\u0041'.length
