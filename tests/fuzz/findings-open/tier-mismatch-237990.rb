# rebound fuzz finding: tier-mismatch
# detail: stderr "fuzz.rb:15:in `*': stack level too deep (SystemStackError)" vs "fuzz.rb:4:in `hot': stack level too deep (SystemStackError)"
# seed 237990 (`fuzz show 237990`), made as: spec_redef_mul_after_version.rb + lines
# reproduce: rebound run --tier opt --jit-threshold 20 --verify-each --print-stats /tmp/fz1m/findings/tier-mismatch-237990.rb
# shrunk from 367 to 73 bytes in 838 tests
def hot(n)i=0
while i*3
end
end
class Integer def*(t)hot(0)end
end
hot(0)