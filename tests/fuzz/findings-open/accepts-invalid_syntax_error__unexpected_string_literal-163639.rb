# rebound fuzz finding: accepts-invalid:syntax error, unexpected string literal
# detail: CRuby: fuzz.rb:6: syntax error, unexpected string literal, expecting '('
# seed 163639 (`fuzz show 163639`), made as: arr_new.rb + fragment + splice + token-dup
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_string_literal-163639.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_string_literal-163639.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_string_literal-163639.rb)
# shrunk from 584 to 24 bytes in 272 tests
class S def p()=not""end