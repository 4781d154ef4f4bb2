# rebound fuzz finding: tier-mismatch
# detail: stdout:
#   line 1306: expected Some("401")
#   line 1306:      got Some("SystemStackError: stack level too deep")
# seed 419190 (`fuzz show 419190`), made as: exc_stack_mutual.rb + nest
# reproduce: rebound run --tier opt --jit-threshold 2 --verify-each --print-stats /tmp/fz1m/findings/tier-mismatch-419190.rb
# shrunk from 2195 to 148 bytes in 2026 tests
def ping(n)p 1++ 1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1
ping(1)end
begin ping(0)end