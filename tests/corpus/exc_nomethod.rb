# NoMethodError messages for nil, integers, strings, arrays, symbols, main.
def show
  yield
rescue NoMethodError => e
  puts "#{e.class}: #{e.message}"
end
show { nil.foo }
show { nil.upcase_everything(1, 2) }
show { 5.bar }
show { (2 ** 70).bar }
show { 1.5.baz }
show { "str".nope }
show { :sym.nope }
show { [1, 2].nope }
show { [].nope }
show { true.nope }
show { false.nope }
show { self.missing_method }
show { missing_with_parens() }
show { nil + 1 }
show { nil[0] }
x = nil
show { x.length }
def helper
  "helper"
end
show { 5.helper }
show { "s".helper }
e = begin
      nil.whatever
    rescue NoMethodError => err
      err
    end
p e.is_a?(NameError)
p e.is_a?(StandardError)
p e.class
