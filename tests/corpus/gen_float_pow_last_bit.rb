# A bug the program generator found (tests/gen), now fixed; this program keeps it fixed.
# Float ** 2 differed from CRuby in the last bit (every tier): CRuby's pow()
# gives 4.225e+21 (= x * x); rebound printed 4.2250000000000003e+21.
# Found by the generator with --no-core-redef --no-user-redef
# --no-blocks-in-methods --no-nonlocal-return (seed 6960).
x = 65000000000.0
p(x ** 2)
p(x * x)
# Only an Integer 2 squares; a Float 2.0 goes through pow().
p(x ** 2.0)
p(x ** 3)
p((-2.5) ** 3)
p((-8.0) ** -1)
p(2.0 ** (2 ** 70))
p(0.5 ** -(2 ** 70))
p((-0.5) ** (2 ** 70 + 1))
y = 1.0000001
i = 0
s = 0.0
while i < 300
  s += y ** 2
  s += (y + i) ** 2
  i += 1
end
p(s)
