# rebound's Ruby prelude: the core methods that take a block, written in Ruby so that
# the optimizer sees through them and can inline them together with their block.
# Leaf primitives (Array#[], Array#size, ...) are native methods in runtime/src/core.

class Integer
  def times
    i = 0
    while i < self
      yield i
      i += 1
    end
    self
  end

  # `until i > limit` rather than `while i <= limit`: the comparison CRuby makes, which
  # an error names (`1.upto("a")`) and which decides for a NaN limit.
  def upto(limit)
    i = self
    until i > limit
      yield i
      i += 1
    end
    self
  end

  def downto(limit)
    i = self
    until i < limit
      yield i
      i -= 1
    end
    self
  end
end

class Array
  def each
    i = 0
    while i < size
      yield self[i]
      i += 1
    end
    self
  end

  def each_with_index
    i = 0
    while i < size
      yield self[i], i
      i += 1
    end
    self
  end

  def each_index
    i = 0
    while i < size
      yield i
      i += 1
    end
    self
  end

  def map
    out = []
    i = 0
    while i < size
      out << yield(self[i])
      i += 1
    end
    out
  end

  def select
    out = []
    i = 0
    while i < size
      x = self[i]
      out << x if yield(x)
      i += 1
    end
    out
  end

  def reject
    out = []
    i = 0
    while i < size
      x = self[i]
      out << x unless yield(x)
      i += 1
    end
    out
  end

  def inject(acc = (unset = true))
    i = 0
    if unset
      return nil if size == 0
      acc = self[0]
      i = 1
    end
    while i < size
      acc = yield(acc, self[i])
      i += 1
    end
    acc
  end

  def sum(init = 0)
    return __sum(init) unless block_given?
    acc = init
    i = 0
    while i < size
      acc = acc + yield(self[i])
      i += 1
    end
    acc
  end

  def count(item = (unset = true))
    return __count(item) unless unset
    return size unless block_given?
    n = 0
    i = 0
    while i < size
      n += 1 if yield(self[i])
      i += 1
    end
    n
  end

  def any?
    i = 0
    while i < size
      return true if block_given? ? yield(self[i]) : self[i]
      i += 1
    end
    false
  end

  def all?
    i = 0
    while i < size
      return false unless block_given? ? yield(self[i]) : self[i]
      i += 1
    end
    true
  end

  def find
    i = 0
    while i < size
      x = self[i]
      return x if yield(x)
      i += 1
    end
    nil
  end
end
