# rebound fuzz finding: accepts-invalid:(FloatDomainError) Infinity
# detail: CRuby: (FloatDomainError) Infinity
# seed 117921 (`fuzz show 117921`), made as: grammar + number
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid__FloatDomainError__Infinity-117921.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid__FloatDomainError__Infinity-117921.rb  (or ruby /tmp/fz1m/findings/accepts-invalid__FloatDomainError__Infinity-117921.rb)
# shrunk from 68 to 21 bytes in 164 tests
case@i
when 1e309
end