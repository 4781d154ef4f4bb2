# print writes to_s of each argument with no separators or newline.
print "a"
print "b", "c"
print "\n"
print 1, 2.0, 3e20, "\n"
print nil, "\n"
print :sym, " ", true, " ", false, "\n"
print [1, "x", nil, :s], "\n"
print [], [[]], "\n"
print 2 ** 80, "\n"
print -0.0, " ", 1.0 / 0, "\n"
print "no newline"
print "\n"
x = 3
print "x=", x, " x*x=", x * x, "\n"
i = 0
while i < 5
  print i
  print "," if i < 4
  i += 1
end
print "\n"
print "tab\tsep\n"
