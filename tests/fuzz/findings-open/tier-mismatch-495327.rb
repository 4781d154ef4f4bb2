# rebound fuzz finding: tier-mismatch
# detail: stdout:
#   line 7: expected Some("[1, 8, 4, 4, 6, 7, 4, 4, 0, 7, 3, 7, 0, 9, 5, 5, 1, 6, 1, 6]")
#   line 7:      got Some("[2, 0, 7, 4, 1, 2, 3, 3, 5, 9, 6, 0, 0]")
# seed 495327 (`fuzz show 495327`), made as: cls_reopen_core.rb + token-delete
# reproduce: rebound run --tier opt --jit-threshold 2 --verify-each --print-stats /tmp/fz1m/findings/tier-mismatch-495327.rb
# shrunk from 1203 to 123 bytes in 2242 tests
class Integer def digits_list
self==0
out=[]
n=self
while n>0
out<<n/=10end
out end
end
4.digits_list
p (2**64).digits_list