# Object-heavy backtracking: triangular peg solitaire (the 15-hole "peg triangle").
# The board is an array of rows (row r holds r + 1 cells); every cell holds a Peg
# object or nil. A jump moves a Peg object from one cell to another and pushes the
# jumped-over Peg onto a captured stack; undoing pops it back. The search counts
# every sequence of jumps that leaves a single peg, starting from one empty hole.
# Stresses: recursive search, calls to small methods and attr_readers, Array
# indexing of nested arrays, push/pop of objects between arrays, Move objects.

class Peg
  attr_reader :id
  attr_accessor :jumps

  def initialize(id)
    @id = id
    @jumps = 0
  end
end

class Move
  attr_reader :fr, :fc, :or, :oc, :tr, :tc

  def initialize(fr, fc, dr, dc)
    @fr = fr
    @fc = fc
    @or = fr + dr
    @oc = fc + dc
    @tr = fr + 2 * dr
    @tc = fc + 2 * dc
  end

  def code
    (@fr * 8 + @fc) * 64 + @tr * 8 + @tc
  end
end

class Board
  attr_reader :rows, :pegs_left, :solutions, :nodes, :dead_ends, :signature

  DIRS = [[0, 1], [0, -1], [1, 0], [-1, 0], [1, 1], [-1, -1]]

  def initialize(size)
    @size = size
    @rows = Array.new(size) { |r| Array.new(r + 1) }
    @moves = []
    r = 0
    while r < size
      c = 0
      while c <= r
        DIRS.each do |d|
          m = Move.new(r, c, d[0], d[1])
          @moves << m if inside?(m.tr, m.tc)
        end
        c += 1
      end
      r += 1
    end
    @captured = []
    @history = []
  end

  def inside?(r, c)
    r >= 0 && r < @size && c >= 0 && c <= r
  end

  def move_count
    @moves.size
  end

  def reset(empty_r, empty_c)
    id = 0
    @rows.each_with_index do |row, r|
      row.each_index do |c|
        if r == empty_r && c == empty_c
          row[c] = nil
        else
          row[c] = Peg.new(id)
        end
        id += 1
      end
    end
    @pegs_left = id - 1
    @solutions = 0
    @nodes = 0
    @dead_ends = 0
    @signature = 0
    @captured.clear
    @history.clear
  end

  def peg_at(r, c)
    @rows[r][c]
  end

  def legal?(m)
    !peg_at(m.fr, m.fc).nil? && !peg_at(m.or, m.oc).nil? && peg_at(m.tr, m.tc).nil?
  end

  def jump(m)
    peg = @rows[m.fr][m.fc]
    @rows[m.fr][m.fc] = nil
    @captured.push(@rows[m.or][m.oc])
    @rows[m.or][m.oc] = nil
    @rows[m.tr][m.tc] = peg
    peg.jumps += 1
    @history.push(m)
    @pegs_left -= 1
  end

  def undo
    m = @history.pop
    peg = @rows[m.tr][m.tc]
    peg.jumps -= 1
    @rows[m.tr][m.tc] = nil
    @rows[m.or][m.oc] = @captured.pop
    @rows[m.fr][m.fc] = peg
    @pegs_left += 1
  end

  def last_peg
    @rows.each do |row|
      row.each { |p| return p unless p.nil? }
    end
    nil
  end

  def record_solution
    @solutions += 1
    h = last_peg.id
    @history.each { |m| h = (h * 33 + m.code) % 1_000_003 }
    @captured.each { |p| h = (h * 7 + p.id) % 1_000_003 }
    @signature = (@signature + h) % 1_000_000_007
  end

  def search
    @nodes += 1
    if @pegs_left == 1
      record_solution
      return
    end
    tried = 0
    i = 0
    n = @moves.size
    while i < n
      m = @moves[i]
      if legal?(m)
        tried += 1
        jump(m)
        search
        undo
      end
      i += 1
    end
    @dead_ends += 1 if tried == 0
  end
end

# The empty hole is one of the three interior holes (row 2, column 1).
board = Board.new(5)
board.reset(2, 1)
board.search
puts "moves: #{board.move_count}"
puts "solutions: #{board.solutions}, nodes: #{board.nodes}, dead ends: #{board.dead_ends}"
jumps = 0
board.rows.each { |row| row.each { |p| jumps += p.jumps unless p.nil? } }
puts "restored: #{board.pegs_left} pegs, #{jumps} jumps pending, signature #{board.signature}"
