# Ends with an uncaught exception on purpose. CRuby runs `a[i] = v` on an Array with an
# Integer index without a frame of its own (its VM instruction calls the C function), so
# the IndexError is reported in `<main>', not in `[]='.

a = [1, 2]
a[3] = 4
p a
a[-2] = 0
p a
a[-9] = 1
