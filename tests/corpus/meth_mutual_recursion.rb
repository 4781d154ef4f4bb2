# Mutually recursive methods.
def is_even(n)
  n == 0 ? true : is_odd(n - 1)
end
def is_odd(n)
  n == 0 ? false : is_even(n - 1)
end
[0, 1, 2, 7, 10, 99].each do |n|
  puts "#{n}: even=#{is_even(n)} odd=#{is_odd(n)}"
end
# Hofstadter female and male sequences
def hof_f(n)
  n == 0 ? 1 : n - hof_m(hof_f(n - 1))
end
def hof_m(n)
  n == 0 ? 0 : n - hof_f(hof_m(n - 1))
end
fs = []
ms = []
i = 0
while i < 20
  fs << hof_f(i)
  ms << hof_m(i)
  i += 1
end
p fs
p ms
# A tiny recursive-descent evaluator over an array of tokens; the three
# parsing methods call each other recursively.
class Parser
  def initialize(tokens)
    @toks = tokens
    @pos = 0
  end

  def peek
    @toks[@pos]
  end

  def parse_expr
    v = parse_term
    while peek == "+" || peek == "-"
      op = peek
      @pos += 1
      r = parse_term
      v = op == "+" ? v + r : v - r
    end
    v
  end

  def parse_term
    v = parse_factor
    while peek == "*" || peek == "/"
      op = peek
      @pos += 1
      r = parse_factor
      v = op == "*" ? v * r : v / r
    end
    v
  end

  def parse_factor
    t = peek
    @pos += 1
    if t == "("
      v = parse_expr
      @pos += 1
      v
    elsif t == "-"
      -parse_factor
    else
      t
    end
  end
end
def evaluate(tokens)
  Parser.new(tokens).parse_expr
end
p evaluate([1, "+", 2, "*", 3])
p evaluate(["(", 1, "+", 2, ")", "*", 3])
p evaluate([7, "-", 10, "/", 3])
p evaluate(["-", 7, "/", 2])
p evaluate([2, "*", "(", 3, "+", "(", 4, "-", 1, ")", ")", "*", 5])
p evaluate([2.5, "*", 4, "-", 1])
