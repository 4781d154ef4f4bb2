# Float-heavy: Mandelbrot set escape-time iteration over a grid.
# Stresses: Float +, -, *, comparisons in tight `while` loops, Integer#to_f,
# mixing integer loop counters with float arithmetic. No allocation.

def mandel_count(width, height, max_iter)
  inside = 0
  iter_sum = 0
  y = 0
  while y < height
    ci = (y.to_f * 2.4) / height - 1.2
    x = 0
    while x < width
      cr = (x.to_f * 3.0) / width - 2.1
      zr = 0.0
      zi = 0.0
      k = 0
      while k < max_iter && zr * zr + zi * zi <= 4.0
        t = zr * zr - zi * zi + cr
        zi = 2.0 * zr * zi + ci
        zr = t
        k += 1
      end
      inside += 1 if k == max_iter
      iter_sum += k
      x += 1
    end
    y += 1
  end
  [inside, iter_sum]
end

# A second, smooth float kernel: midpoint-rule integral of 4 / (1 + x^2).
def integrate_pi(steps)
  h = 1.0 / steps
  sum = 0.0
  i = 0
  while i < steps
    x = (i + 0.5) * h
    sum += 4.0 / (1.0 + x * x)
    i += 1
  end
  sum * h
end

r = mandel_count(600, 450, 100)
pi = integrate_pi(10_000_000)
puts "mandelbrot inside: #{r[0]} iterations: #{r[1]}"
puts "pi*1e9: #{(pi * 1.0e9).to_i}"
