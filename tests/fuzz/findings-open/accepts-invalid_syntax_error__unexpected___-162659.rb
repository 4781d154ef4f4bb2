# rebound fuzz finding: accepts-invalid:syntax error, unexpected !=
# detail: CRuby: fuzz.rb:8: syntax error, unexpected !=, expecting `end'
# seed 162659 (`fuzz show 162659`), made as: blk_nested.rb + fragment + token-swap + token-dup
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected___-162659.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected___-162659.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected___-162659.rb)
# shrunk from 982 to 46 bytes in 965 tests
h do[].h do[].e do""if a""do
end!=2end end
end