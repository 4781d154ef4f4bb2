# Top-level constants, class constants, lookup from methods and subclasses.
LIMIT = 3
GREETING = "hi"
PRIMES = [2, 3, 5, 7]
class Config
  SIZE = 10
  NAMES = ["a", "b"]
  SCALED = SIZE * LIMIT

  def size
    SIZE
  end

  def limit
    LIMIT
  end

  def scaled
    SCALED
  end

  def names
    NAMES
  end

  def self.size_twice
    SIZE * 2
  end
end
class SubConfig < Config
  EXTRA = SIZE + 1

  def extra
    EXTRA
  end

  def inherited_size
    SIZE
  end
end
p LIMIT
p GREETING
p PRIMES
c = Config.new
p c.size
p c.limit
p c.scaled
p c.names
p Config.size_twice
s = SubConfig.new
p s.extra
p s.inherited_size
p s.size
PRIMES << 11
p PRIMES
p PRIMES.size
def uses_const
  LIMIT * 100
end
p uses_const
i = 0
while i < LIMIT
  puts "#{GREETING} #{i}"
  i += 1
end
