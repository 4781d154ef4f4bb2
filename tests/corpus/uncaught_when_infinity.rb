# CRuby's compiler keys `case x; when LITERAL` by the literal, an integral Float by
# its Integer value: an infinite Float literal in a `when` raises FloatDomainError
# before the program runs, so nothing below prints.
puts "never printed"
def grade(x)
  case x
  when 1, 2.0 then "small"
  when 1e400 then "huge"
  else "other"
  end
end
p grade(2)
