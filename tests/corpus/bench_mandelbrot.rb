# ASCII Mandelbrot set with float arithmetic.
chars = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
rows = 21
cols = 56
max_iter = 60
total = 0
y = 0
while y < rows
  ci = -1.2 + 2.4 * y / (rows - 1)
  line = ""
  x = 0
  while x < cols
    cr = -2.1 + 2.8 * x / (cols - 1)
    zr = 0.0
    zi = 0.0
    it = 0
    while it < max_iter && zr * zr + zi * zi <= 4.0
      t = zr * zr - zi * zi + cr
      zi = 2.0 * zr * zi + ci
      zr = t
      it += 1
    end
    total += it
    line = line + chars[it == max_iter ? 9 : it % 9]
    x += 1
  end
  puts line
  y += 1
end
puts "total iterations: #{total}"
zr = 0.0
zi = 0.0
cr = -0.75
ci = 0.1
8.times do |k|
  t = zr * zr - zi * zi + cr
  zi = 2.0 * zr * zi + ci
  zr = t
  puts "z#{k + 1} = #{zr} + #{zi}i"
end
