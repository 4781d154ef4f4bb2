# rebound fuzz finding: accepts-invalid:syntax error, unexpected `do'
# detail: CRuby: fuzz.rb:7: syntax error, unexpected `do', expecting end-of-input
# seed 192214 (`fuzz show 192214`), made as: syntax_block_binding.rb + bytes + fragment + token-dup
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected__do_-192214.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected__do_-192214.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected__do_-192214.rb)
# shrunk from 1362 to 139 bytes in 1603 tests
w p{x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x 2}do||end