# Recursion: fib, ackermann (small), towers of hanoi, power set size, sum of digits.
def fib(n)
  n < 2 ? n : fib(n - 1) + fib(n - 2)
end
i = 0
while i <= 20
  print fib(i), " "
  i += 1
end
puts
def ack(m, n)
  if m == 0
    n + 1
  elsif n == 0
    ack(m - 1, 1)
  else
    ack(m - 1, ack(m, n - 1))
  end
end
p ack(0, 0)
p ack(1, 2)
p ack(2, 3)
p ack(3, 3)
def hanoi(n, from, to, via, moves)
  return 0 if n == 0
  c = hanoi(n - 1, from, via, to, moves)
  moves << "#{from}->#{to}"
  c += 1
  c + hanoi(n - 1, via, to, from, moves)
end
moves = []
p hanoi(4, "A", "C", "B", moves)
puts moves.join(" ")
moves = []
p hanoi(10, "L", "R", "M", moves)
p moves.size
p moves.last
p moves[511]
def digit_sum(n)
  n < 10 ? n : n % 10 + digit_sum(n / 10)
end
p digit_sum(987654321)
p digit_sum(2 ** 200)
def count_down(n)
  return [] if n == 0
  rest = count_down(n - 1)
  rest << n
  rest
end
p count_down(8)
def depth_sum(n)
  n == 0 ? 0 : n + depth_sum(n - 1)
end
p depth_sum(500)
def gcd(a, b)
  b == 0 ? a : gcd(b, a % b)
end
p gcd(1071, 462)
p gcd(2 ** 90, 6 ** 40)
def perms(n, used, cur, out)
  if cur.size == n
    out << cur.join
    return out
  end
  i = 1
  while i <= n
    unless used.include?(i)
      used << i
      cur << i
      perms(n, used, cur, out)
      cur.pop
      used.pop
    end
    i += 1
  end
  out
end
p perms(3, [], [], [])
