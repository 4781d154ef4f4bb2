# rebound fuzz finding: accepts-invalid:syntax error, unexpected float literal
# detail: CRuby: fuzz.rb:1: syntax error, unexpected float literal, expecting '('
# seed 708400 (`fuzz show 708400`), made as: core_raise_protocol.rb + token-dup + token-delete + fragment + truncate
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_float_literal-708400.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_float_literal-708400.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_float_literal-708400.rb)
# shrunk from 176 to 26 bytes in 276 tests
class A def s()=not 2e3end