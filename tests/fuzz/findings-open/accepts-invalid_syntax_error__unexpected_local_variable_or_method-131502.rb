# rebound fuzz finding: accepts-invalid:syntax error, unexpected local variable or method
# detail: CRuby: fuzz.rb:2: syntax error, unexpected local variable or method, expecting '('
# seed 131502 (`fuzz show 131502`), made as: grammar + fragment + truncate
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_local_variable_or_method-131502.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_local_variable_or_method-131502.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_local_variable_or_method-131502.rb)
# shrunk from 77 to 25 bytes in 271 tests
class A def l()=not _ end