# rebound fuzz finding: accepts-invalid:syntax error, unexpected ';'
# detail: CRuby: fuzz.rb:6: syntax error, unexpected ';', expecting ')'
# seed 175291 (`fuzz show 175291`), made as: uncaught_top_const.rb + fragment
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-175291.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-175291.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-175291.rb)
# shrunk from 90 to 28 bytes in 431 tests
p (case
when C then end;)::K