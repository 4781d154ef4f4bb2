# rebound fuzz finding: accepts-invalid:syntax error, unexpected float literal
# detail: CRuby: fuzz.rb:4: syntax error, unexpected float literal, expecting '('
# seed 137616 (`fuzz show 137616`), made as: grammar + fragment
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_float_literal-137616.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_float_literal-137616.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_float_literal-137616.rb)
# shrunk from 146 to 29 bytes in 316 tests
class F def w()=not 1.0|w end