# An uncaught error inside a core method called through an alias names the
# method's own frame (`[]`), as CRuby does, whether the call site's inline cache
# already holds the method (the second call below) or not.
class Array
  alias fetch_at []

  def pick(i)
    fetch_at(i)
  end
end

a = [10, 20, 30]
p a.pick(1)
p a.pick(-1)
p a.pick(1.0 / 0)
