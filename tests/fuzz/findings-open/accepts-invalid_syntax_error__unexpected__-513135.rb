# rebound fuzz finding: accepts-invalid:syntax error, unexpected [
# detail: CRuby: fuzz.rb:3: syntax error, unexpected [, expecting '('
# seed 513135 (`fuzz show 513135`), made as: uncaught_top_const.rb + fragment + token-swap
# reproduce: rebound run --tier interp --verify-each /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected__-513135.rb
# CRuby rejects it: ruby -c /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected__-513135.rb  (or ruby /tmp/fz1m/findings/accepts-invalid_syntax_error__unexpected__-513135.rb)
# shrunk from 88 to 25 bytes in 278 tests
class A def o()=not []end