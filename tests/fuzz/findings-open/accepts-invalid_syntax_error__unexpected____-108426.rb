# rebound fuzz finding: accepts-invalid:syntax error, unexpected ';'
# detail: CRuby: fuzz.rb:4: syntax error, unexpected ';', expecting ')'
# seed 108426 (`fuzz show 108426`), made as: uncaught_top_const.rb + fragment
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-108426.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-108426.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-108426.rb)
# shrunk from 79 to 19 bytes in 247 tests
p (class S end;)::M