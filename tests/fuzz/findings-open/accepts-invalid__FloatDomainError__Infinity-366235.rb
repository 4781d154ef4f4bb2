# rebound fuzz finding: accepts-invalid:(FloatDomainError) Infinity
# detail: CRuby: (FloatDomainError) Infinity
# seed 366235 (`fuzz show 366235`), made as: grammar + splice
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid__FloatDomainError__Infinity-366235.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid__FloatDomainError__Infinity-366235.rb  (or ruby /tmp/fz1m/findings/accepts-invalid__FloatDomainError__Infinity-366235.rb)
# shrunk from 308 to 21 bytes in 175 tests
case@s
when 1e309
end