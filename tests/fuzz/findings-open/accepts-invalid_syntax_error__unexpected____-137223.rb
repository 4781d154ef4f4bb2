# rebound fuzz finding: accepts-invalid:syntax error, unexpected ';'
# detail: CRuby: fuzz.rb:35: syntax error, unexpected ';', expecting ')'
# seed 137223 (`fuzz show 137223`), made as: deopt_invalidate_attr_reader.rb + token-replace + lines + fragment
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-137223.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-137223.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected____-137223.rb)
# shrunk from 1793 to 54 bytes in 1468 tests
class P def n()end
while if class P (;)end
end
end
end