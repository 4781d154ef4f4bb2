# N-queens by backtracking for n = 1..7, printing the first board of n = 6.
class Queens
  attr_reader :solutions, :first

  def initialize(n)
    @n = n
    @cols = Array.new(n, false)
    @d1 = Array.new(2 * n, false)
    @d2 = Array.new(2 * n, false)
    @pos = Array.new(n, -1)
    @solutions = 0
    @first = nil
  end

  def solve(row = 0)
    if row == @n
      @solutions += 1
      @first = @pos.map { |c| c } if @first.nil?
      return
    end
    c = 0
    while c < @n
      if !@cols[c] && !@d1[row + c] && !@d2[row - c + @n]
        @cols[c] = true
        @d1[row + c] = true
        @d2[row - c + @n] = true
        @pos[row] = c
        solve(row + 1)
        @cols[c] = false
        @d1[row + c] = false
        @d2[row - c + @n] = false
      end
      c += 1
    end
  end
end
1.upto(7) do |n|
  q = Queens.new(n)
  q.solve
  puts "n=#{n}: #{q.solutions} solutions, first=#{q.first.inspect}"
end
q = Queens.new(6)
q.solve
q.first.each do |col|
  line = ""
  6.times { |c| line = line + (c == col ? "Q " : ". ") }
  puts line
end
