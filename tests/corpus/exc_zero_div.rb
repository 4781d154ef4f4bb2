# ZeroDivisionError from Integer / and %, including big integers.
def safe_div(a, b)
  a / b
rescue ZeroDivisionError => e
  "#{e.class}: #{e.message}"
end
p safe_div(10, 2)
p safe_div(10, 0)
p safe_div(-7, 0)
p safe_div(0, 0)
p safe_div(2 ** 100, 0)
p safe_div(10, 0.0)
p safe_div(10.0, 0)
begin
  x = 5 % 0
rescue ZeroDivisionError => e
  puts "modulo: #{e.message}"
end
p x
begin
  (2 ** 80) % 0
rescue => e
  puts "big modulo: #{e.class} #{e.message}"
end
results = [3, 0, -2, 0, 5].map do |d|
  begin
    60 / d
  rescue ZeroDivisionError
    :inf
  end
end
p results
n = 0
errors = 0
while n < 5
  begin
    100 / (n - 2)
  rescue ZeroDivisionError
    errors += 1
  end
  n += 1
end
p errors
p ZeroDivisionError.new("x").is_a?(StandardError)
