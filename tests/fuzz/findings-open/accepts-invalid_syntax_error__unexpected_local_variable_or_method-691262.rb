# rebound fuzz finding: accepts-invalid:syntax error, unexpected local variable or method
# detail: CRuby: fuzz.rb:30: syntax error, unexpected local variable or method, expecting '('
# seed 691262 (`fuzz show 691262`), made as: core_repeat_sizes.rb + number + token-dup + fragment
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_local_variable_or_method-691262.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_local_variable_or_method-691262.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected_local_variable_or_method-691262.rb)
# shrunk from 2138 to 25 bytes in 265 tests
class F def d()=not a end