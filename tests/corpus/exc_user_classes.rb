# User exception classes: hierarchies, custom initialize, extra state.
class AppError < StandardError
end
class ValidationError < AppError
  attr_reader :field

  def initialize(field, msg = "is invalid")
    @field = field
    super("#{field} #{msg}")
  end
end
class NotFound < AppError
  def initialize(msg = "resource not found")
    super
  end
end
class Quiet < StandardError
  def message
    "overridden message"
  end
end
def check(kind)
  case kind
  when 1 then raise ValidationError.new(:email)
  when 2 then raise ValidationError.new(:age, "must be positive")
  when 3 then raise NotFound
  when 4 then raise NotFound, "user 7 missing"
  when 5 then raise AppError, "generic app"
  when 6 then raise Quiet, "ignored text"
  when 7 then raise AppError
  end
  "ok"
end
1.upto(8) do |k|
  begin
    r = check(k)
    puts "#{k}: #{r}"
  rescue ValidationError => e
    puts "#{k}: validation on #{e.field.inspect}: #{e.message}"
  rescue NotFound => e
    puts "#{k}: not found: #{e.message}"
  rescue AppError => e
    puts "#{k}: app error #{e.class}: #{e.message}"
  rescue => e
    puts "#{k}: other #{e.class}: #{e.message}"
  end
end
v = ValidationError.new(:name)
p v.is_a?(AppError)
p v.is_a?(StandardError)
p v.is_a?(NotFound)
p v.message
p v.field
p NotFound.new.message
begin
  raise ValidationError.new(:zip)
rescue StandardError => e
  p e.class
end
