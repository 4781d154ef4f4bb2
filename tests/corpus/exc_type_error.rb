# TypeError messages from mixing incompatible types.
def show
  yield
rescue TypeError => e
  puts "#{e.class}: #{e.message}"
end
show { 1 + "a" }
show { 1 - "2" }
show { 3 * nil }
show { 1.5 + "x" }
show { (2 ** 70) + "a" }
show { 1 + [1] }
show { 1 + :s }
show { 1 + true }
show { "a" + 1 }
show { "a" + nil }
show { "a" + 1.5 }
show { "a" + :b }
show { "a" + ["b"] }
show { [1, 2][nil] }
show { [1, 2]["a"] }
show { Array.new("3") }
show { Array.new(nil) }
show { 5 & 1.5 }
r = begin
      "count: " + 3
    rescue TypeError
      "count: " + 3.to_s
    end
p r
p TypeError.new.is_a?(StandardError)
