# attr_reader, attr_writer, attr_accessor (several names each).
class Person
  attr_reader :name, :age
  attr_writer :nickname
  attr_accessor :email, :score

  def initialize(name, age)
    @name = name
    @age = age
    @score = 0
  end

  def nickname_or_name
    @nickname || @name
  end

  def birthday
    @age += 1
  end

  def bump
    self.score = score + 10
  end
end
p1 = Person.new("Ada", 36)
p p1.name
p p1.age
p p1.email
p p1.nickname_or_name
p1.nickname = "Countess"
p p1.nickname_or_name
r = (p1.email = "ada@example.com")
p r
p p1.email
p1.score = 5
p p1.score
p p1.birthday
p p1.age
p1.bump
p1.bump
p p1.score
p1.email = nil
p p1.email
people = [Person.new("X", 1), Person.new("Y", 2), Person.new("Z", 3)]
people.each_with_index { |q, i| q.score = i * 100 }
p people.map { |q| q.score }
p people.map { |q| q.name }.join
p people.inject(0) { |s, q| s + q.age }
begin
  p1.nickname
rescue NoMethodError => e
  puts "NoMethodError for the writer-only attribute"
end
class Box
  attr_accessor :content
end
b = Box.new
p b.content
b.content = [1, 2]
b.content << 3
p b.content
b.content = b.content.size
p b.content
