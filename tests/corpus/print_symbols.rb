# Symbols printed every way.
s = :hello
puts s
p s
print s, "\n"
puts s.inspect
puts s.to_s
p s.to_s
puts "#{s} world"
puts s.class
p :foo_bar
p :CamelCase
p :a1
p [:a, :b, :c]
puts [:a, :b, :c]
puts [:a, :b].inspect
p :a == :a
p :a == :b
p :a.equal?(:a)
p :a == "a"
p :a.to_s == "a"
syms = [:red, :green, :blue]
syms.each_with_index do |c, i|
  puts "#{i}: #{c} #{c.inspect} #{c.to_s.size}"
end
def color_code(c)
  case c
  when :red then 1
  when :green then 2
  when :blue then 3
  end
end
syms.each { |c| p color_code(c) }
p color_code(:purple)
