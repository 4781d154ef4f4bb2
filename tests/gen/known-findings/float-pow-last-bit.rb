# Float ** 2 differs from CRuby in the last bit (every tier): CRuby's pow()
# gives 4.225e+21 (= x * x); rebound prints 4.2250000000000003e+21.
# Found by the generator with --no-core-redef --no-user-redef
# --no-blocks-in-methods --no-nonlocal-return (seed 6960).
x = 65000000000.0
p(x ** 2)
p(x * x)
