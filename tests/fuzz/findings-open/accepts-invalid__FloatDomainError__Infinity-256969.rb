# rebound fuzz finding: accepts-invalid:(FloatDomainError) Infinity
# detail: CRuby: (FloatDomainError) Infinity
# seed 256969 (`fuzz show 256969`), made as: deopt_ivar_class.rb + lines + fragment
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid__FloatDomainError__Infinity-256969.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid__FloatDomainError__Infinity-256969.rb  (or ruby /tmp/fz1m/findings/accepts-invalid__FloatDomainError__Infinity-256969.rb)
# shrunk from 4365 to 29 bytes in 570 tests
case 1when 1e309,[<<E
E
]
end