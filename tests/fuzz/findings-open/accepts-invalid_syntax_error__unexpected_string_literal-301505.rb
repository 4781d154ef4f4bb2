# rebound fuzz finding: accepts-invalid:syntax error, unexpected string literal
# detail: CRuby: fuzz.rb:2: syntax error, unexpected string literal, expecting '('
# seed 301505 (`fuzz show 301505`), made as: grammar + splice
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_string_literal-301505.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_string_literal-301505.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_string_literal-301505.rb)
# shrunk from 419 to 32 bytes in 341 tests
class N def s()=not %()?[]:A end