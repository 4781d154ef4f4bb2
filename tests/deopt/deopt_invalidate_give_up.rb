# Give-up threshold for invalidations: `tally` defines `weight` afresh at every
# call (alternating between two bodies), then calls it in a loop. A version of
# `tally` that inlined `weight` is invalidated by the next call's `def`, without
# any guard failing. After enough invalidations (the deopt limit, 10 by
# default) the engine must keep `tally` in its conservative tier instead of
# building it again after every call; each call must still use the `weight`
# its own `def` made.
def tally(n, round)
  if round.even?
    def weight(x)
      x * 2 + 1
    end
  else
    def weight(x)
      x * 3 - 1
    end
  end
  s = 0
  i = 0
  while i < n
    s += weight(i)
    i += 1
  end
  s
end

total = 0
round = 0
while round < 400
  r = tally(60, round)
  total += r
  puts "round #{round}: #{r}" if round % 50 < 2 || round == 399
  round += 1
end
p total

# Afterwards, `weight` is what the last `def` made, in every caller.
p weight(10)
p [1, 2, 3].map { |x| weight(x) }
p tally(6, 0), tally(6, 1)
