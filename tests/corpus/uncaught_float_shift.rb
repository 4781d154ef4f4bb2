# Ends with an uncaught exception on purpose. Float has no `<<`: the NoMethodError is
# raised where the call is made, so CRuby reports it in `<main>' (while `1 / 0` is
# reported in `/', the method that raised).

x = 2.5
p x * 2
p x << 1
