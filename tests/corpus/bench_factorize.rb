# Prime factorization by trial division, divisor counts, perfect numbers.
def factorize(n)
  out = []
  d = 2
  while d * d <= n
    while n % d == 0
      out << d
      n /= d
    end
    d += 1
  end
  out << n if n > 1
  out
end
def format_factors(fs)
  parts = []
  i = 0
  while i < fs.size
    j = i
    j += 1 while j < fs.size && fs[j] == fs[i]
    c = j - i
    parts << (c == 1 ? fs[i].to_s : "#{fs[i]}^#{c}")
    i = j
  end
  parts.join(" * ")
end
[2, 12, 97, 360, 1001, 65536, 999999, 600851475143, 2 ** 32 + 1, 2 ** 70, 3 ** 41 * 5].each do |n|
  puts "#{n} = #{format_factors(factorize(n))}"
end
def divisor_sum(n)
  s = 0
  d = 1
  while d * d <= n
    if n % d == 0
      s += d
      s += n / d if d * d != n && d != 1
    end
    d += 1
  end
  s
end
perfect = []
n = 2
while n < 8200
  perfect << n if divisor_sum(n) == n
  n += 1
end
p perfect
amicable = []
n = 2
while n < 1500
  m = divisor_sum(n)
  amicable << [n, m] if m > n && divisor_sum(m) == n
  n += 1
end
p amicable
