# rebound fuzz finding: accepts-invalid:syntax error, unexpected '.'
# detail: CRuby: fuzz.rb:36: syntax error, unexpected '.', expecting end-of-input
# seed 768681 (`fuzz show 768681`), made as: uncaught_prelude_sum.rb + bytes + bytes + splice + fragment
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-768681.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-768681.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-768681.rb)
# shrunk from 990 to 8 bytes in 199 tests
p (){}.o