# rebound fuzz finding: accepts-invalid:syntax error, unexpected integer literal
# detail: CRuby: fuzz.rb:21: syntax error, unexpected integer literal, expecting `do' or '{' or '('
# seed 260248 (`fuzz show 260248`), made as: spec_redef_mul_in_callee.rb + token-delete + token-delete
# reproduce: rebound run --tier interp --verify-each findings/accepts-invalid_syntax_error__unexpected_integer_literal-260248.rb
# CRuby rejects it: ruby -c findings/accepts-invalid_syntax_error__unexpected_integer_literal-260248.rb  (or ruby findings/accepts-invalid_syntax_error__unexpected_integer_literal-260248.rb)
# shrunk from 757 to 27 bytes in 324 tests
def t()while s+=i 3
end
end