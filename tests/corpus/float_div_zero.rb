# Float division by zero gives Infinity / -Infinity / NaN, never an exception.
inf = 1.0 / 0
puts inf
p inf
puts -1.0 / 0
puts 1 / 0.0
puts -1 / 0.0
puts 1.0 / -0.0
puts 0.0 / 0.0
p 0.0 / 0.0
puts inf + 1
puts inf - inf
puts inf * 0
puts inf * -2
puts inf > 1e308
puts -inf < -1e308
puts inf == inf
puts inf == 1.0 / 0
nan = 0.0 / 0.0
puts nan == nan
puts nan != nan
puts nan > 0
puts nan < 0
# Float modulo by zero raises instead of returning NaN.
begin
  puts 5 % 0.0
rescue ZeroDivisionError => e
  puts "5 % 0.0 raised #{e.class}: #{e.message}"
end
begin
  puts 5.0 % 0
rescue ZeroDivisionError => e
  puts "5.0 % 0 raised #{e.class}: #{e.message}"
end
begin
  puts 5.0 % 0.0
rescue ZeroDivisionError => e
  puts "5.0 % 0.0 raised #{e.class}: #{e.message}"
end
begin
  puts 5 / 0
rescue ZeroDivisionError => e
  puts "5 / 0 raised #{e.class}: #{e.message}"
end
puts 5 / 0.0
puts 0 / 0.0
puts "#{inf} and #{-inf} and #{nan}"
p [inf, -inf, nan]
puts inf.class
puts nan.class
puts 1.0 / inf
puts -1.0 / inf
puts (2 ** 2000).to_f
puts 1e308 * 10
puts (inf <=> 1)
puts (1 <=> inf)
p (nan <=> 1)
