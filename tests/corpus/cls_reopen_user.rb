# Reopening a user class adds methods to existing instances; redefinition wins.
class Robot
  def initialize(id)
    @id = id
  end

  def hello
    "Robot #{@id} says hello"
  end
end
r = Robot.new(1)
puts r.hello
class Robot
  def id
    @id
  end

  def hello
    "Robot #{@id} (v2) says HELLO"
  end
end
puts r.hello
p r.id
r2 = Robot.new(2)
puts r2.hello
class Robot
  def hello
    "v3: " + id.to_s
  end
  attr_accessor :mood
end
puts r.hello
r.mood = :happy
p r.mood
p r2.mood
def helper
  "top-level v1"
end
p helper
def helper
  "top-level v2"
end
p helper
class Robot
  def call_helper
    helper
  end
end
p r.call_helper
