# Mutual runaway recursion (one side recursing through a block) raises
# SystemStackError; rescued at top level and inside a method.
def ping(n)
  [n].each { |v| pong(v + 1) }
end
def pong(n)
  ping(n + 1)
end
begin
  ping(0)
rescue SystemStackError => e
  puts "#{e.class}: #{e.message}"
end
def guarded
  ping(0)
  :not_reached
rescue SystemStackError => e
  "guarded caught #{e.class}"
end
p guarded
class Deep
  def go(n)
    go(n + 1)
  end
end
begin
  Deep.new.go(1)
rescue SystemStackError => e
  p e.message
  p e.is_a?(StandardError)
  p e.is_a?(Exception)
end
puts "still running"
