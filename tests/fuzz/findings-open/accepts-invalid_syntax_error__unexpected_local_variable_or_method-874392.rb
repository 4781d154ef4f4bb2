# rebound fuzz finding: accepts-invalid:syntax error, unexpected local variable or method
# detail: CRuby: fuzz.rb:8: syntax error, unexpected local variable or method, expecting '('
# seed 874392 (`fuzz show 874392`), made as: grammar + fragment
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_local_variable_or_method-874392.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_local_variable_or_method-874392.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_local_variable_or_method-874392.rb)
# shrunk from 223 to 22 bytes in 442 tests
class C
def+=not _ end