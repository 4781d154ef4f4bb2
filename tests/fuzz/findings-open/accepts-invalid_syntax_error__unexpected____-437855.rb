# rebound fuzz finding: accepts-invalid:syntax error, unexpected '.'
# detail: CRuby: fuzz.rb:33: syntax error, unexpected '.', expecting end-of-input
# seed 437855 (`fuzz show 437855`), made as: arr_inject_sum.rb + token-replace
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-437855.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-437855.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-437855.rb)
# shrunk from 981 to 8 bytes in 117 tests
x (){}.s