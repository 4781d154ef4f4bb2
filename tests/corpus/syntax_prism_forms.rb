# Forms the old hand-written parser lacked and Prism reads as CRuby does: op-assignment
# to attributes, `x = 1, 2`, `a, = ...`, adjacent string literals, case without a
# subject, heredocs, character literals, __LINE__, endless methods.
class Box
  attr_accessor :v
  def initialize(v)
    @v = v
  end
end
b = Box.new(10)
b.v /= 2
p b.v
b.v += 3
p b.v
b.v ||= 4
p b.v
x = 1, 2
p x
a, = [5, 6]
p a
p "a" "b"
p "a" 'b' "c#{1 + 1}"
n = 7
case
when n < 5 then p :small
when n < 10 then p :medium
else p :large
end
s = <<~EOS
  heredoc #{n}
    indented
EOS
puts s
p ?z
p __LINE__
def m = 42
p m
