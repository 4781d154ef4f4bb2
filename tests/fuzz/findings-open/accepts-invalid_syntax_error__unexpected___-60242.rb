# rebound fuzz finding: accepts-invalid:syntax error, unexpected ==
# detail: CRuby: fuzz.rb:40: syntax error, unexpected ==, expecting '}'
# seed 60242 (`fuzz show 60242`), made as: float_compare.rb + fragment
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected___-60242.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected___-60242.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected___-60242.rb)
# shrunk from 736 to 22 bytes in 448 tests
h{v if v []do
end==()}