# rebound fuzz finding: accepts-invalid:syntax error, unexpected `__FILE__'
# detail: CRuby: fuzz.rb:3: syntax error, unexpected `__FILE__', expecting '('
# seed 702281 (`fuzz show 702281`), made as: grammar + fragment
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____FILE___-702281.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____FILE___-702281.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____FILE___-702281.rb)
# shrunk from 95 to 35 bytes in 526 tests
class S def m()=not __FILE__.n{}end