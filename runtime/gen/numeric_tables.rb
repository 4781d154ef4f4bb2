# Generates the oracle table for the unit tests of runtime/src/numeric.rs by running
# the operations in CRuby 3.1. Run from the repository root:
#   ruby runtime/gen/numeric_tables.rb            # splices a sample into numeric.rs
#   ruby runtime/gen/numeric_tables.rb --out F -n 200 [--seed S]
#       # writes a large table to F instead; then run the ignored test with
#       # REBOUND_NUMERIC_ORACLE=F cargo test -p runtime numeric -- --ignored
#
# Row format (one per line, tab-separated): op, arguments..., expected. Integers are
# decimal, Floats are their Ruby inspect (which round-trips), rounding modes are
# up/even/down. Expected values are the Ruby result's inspect, "[a, b]" for pairs,
# "!Class: message" for an exception, "!Unsupported Rational" / "!Unsupported Complex"
# for results rebound does not represent, and "I<sign>:<bits>:<mod 1000000007>" for
# integers of more than 120 digits.
require_relative 'splice'

$VERBOSE = nil # silence "in a**b, b may be too big"
out_path = nil
count = 1
seed = 20240531
i = 0
while i < ARGV.size
  case ARGV[i]
  when '--out' then out_path = ARGV[i += 1]
  when '-n' then count = Integer(ARGV[i += 1])
  when '--seed' then seed = Integer(ARGV[i += 1])
  end
  i += 1
end
RNG = Random.new(seed)

def show(v)
  case v
  when Integer
    if v.abs.to_s.size > 120
      "I#{v < 0 ? '-' : '+'}:#{v.abs.bit_length}:#{v % 1_000_000_007}"
    else
      v.inspect
    end
  when Float then v.inspect
  when Array then '[' + v.map { |x| show(x) }.join(', ') + ']'
  when nil then 'nil'
  when true, false, String then v.to_s
  when Rational then '!Unsupported Rational'
  when Complex then '!Unsupported Complex'
  else raise "unexpected #{v.class}"
  end
end

def row(op, args, &blk)
  res = begin
    show(blk.call(*args))
  rescue Exception => e # NoMemoryError is no StandardError
    "!#{e.class}: #{e.message}"
  end
  [op, *args.map { |a| a.is_a?(Symbol) ? a.to_s : a.inspect }, res].join("\t")
end

# ---- values -----------------------------------------------------------------------
small_ints = [0, 1, -1, 2, -2, 3, -3, 5, 7, -7, 10, -10, 15, -15, 25, -25, 100, 255, -256, 1000, 12345, -98765]
edge_ints = [2**31, -2**31, 2**32, 2**53, 2**53 + 1, -(2**53 + 1), 2**62 - 1, 2**62, -2**62, -2**62 - 1,
             2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64, 2**64 + 1, -2**64, 10**20, -10**20, 3**50, -(3**50),
             2**100, -(2**100) + 1, 10**400 + 7, -(7**300)]
def rand_int
  case RNG.rand(6)
  when 0 then RNG.rand(-1000..1000)
  when 1 then RNG.rand(-2**40..2**40)
  when 2 then RNG.rand(-2**63..2**63)
  when 3 then RNG.rand(-2**130..2**130)
  when 4 then (RNG.rand(2) == 0 ? 1 : -1) * RNG.rand(2**(RNG.rand(64..700)))
  else (RNG.rand(2) == 0 ? 1 : -1) * 10**RNG.rand(15..40) * RNG.rand(1..9)
  end
end
ints = small_ints + edge_ints
def pick(list) = list[RNG.rand(list.size)]
def any_int(ints) = RNG.rand(3) == 0 ? rand_int : pick(ints)

special_floats = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.5, -2.5, 7.5, -7.5, 2.0, -2.0, 3.0, 0.1, -0.1, 1e-10, -1e-10,
                  1.005, 2.675, -2.675, 1.15, 0.125, 0.375, 12345.678, 1e15, 1e16, 1e20, -1e20, 1e300, 1e-300,
                  1.0e22, 9007199254740993.0, 4.5e15, 2.0**63, -(2.0**63), 2.0**64, 1.7976931348623157e308,
                  5.0e-324, 2.2250738585072014e-308, Float::INFINITY, -Float::INFINITY, Float::NAN,
                  0.49999999999999994, -0.49999999999999994, 34567.89, 1.234567, 0.3, 1.1, 5.015]
def rand_float
  case RNG.rand(5)
  when 0 then (RNG.rand * 2000 - 1000).round(RNG.rand(0..6)).to_f
  when 1 then [RNG.rand(2**64)].pack('Q').unpack1('D').then { |f| f.finite? ? f : 1.5 }
  when 2 then (RNG.rand - 0.5) * 10.0**RNG.rand(-30..30)
  when 3 then RNG.rand(-100000..100000) / 8.0
  else (RNG.rand(-10**6..10**6) / 1000.0)
  end
end
def any_float(fl) = RNG.rand(2) == 0 ? rand_float : pick(fl)
MODES = %i[up even down]

rows = []
n = count

# ---- Integer ----------------------------------------------------------------------
%w[add sub mul div mod divmod rem and or xor cmp gcd lcm fdiv].each do |op|
  pairs = ints.product([3, -3, 0, 1, -1, 2**64, -(2**63)]).sample(12, random: RNG)
  pairs += [[-7, 2], [7, -2], [-7, -2], [-2**63, -1], [2**62, 2**62], [-2**62, -2**62 - 1], [2**64, 0]]
  (n * 4).times { pairs << [any_int(ints), any_int(ints)] }
  pairs.each do |a, b|
    rows << row(op, [a, b]) do |x, y|
      case op
      when 'add' then x + y
      when 'sub' then x - y
      when 'mul' then x * y
      when 'div' then x / y
      when 'mod' then x % y
      when 'divmod' then x.divmod(y)
      when 'rem' then x.remainder(y)
      when 'and' then x & y
      when 'or' then x | y
      when 'xor' then x ^ y
      when 'cmp' then x <=> y
      when 'gcd' then x.gcd(y)
      when 'lcm' then x.lcm(y)
      when 'fdiv' then x.fdiv(y)
      end
    end
  end
end
fdiv_pairs = [[2**1100, 0], [-(2**1100), 0], [2**100, 0], [0, 0], [-5, 0], [2**62 + 1, 3], [10**400, 10**399],
              [10**400, 3], [1, 10**400], [2**80 + 2**27, 2**27], [3 * (2**53 + 1), 3], [2**1030 + 1, 3], [3, 2**1030 + 1],
              [2**1100 + 2**1000, 2**1090 - 1], [-(10**310), 7 * 10**300], [3 * 2**60 + 1, 2**54 + 1], [2**54 + 3, 2**53 + 7]]
(n * 3).times { fdiv_pairs << [rand_int, rand_int] }
fdiv_pairs.each { |a, b| rows << row('fdiv', [a, b]) { |x, y| x.fdiv(y) } }

%w[neg abs not to_f even bitlen].each do |op|
  (ints + Array.new(n * 3) { rand_int }).each do |a|
    rows << row(op, [a]) do |x|
      case op
      when 'neg' then -x
      when 'abs' then x.abs
      when 'not' then ~x
      when 'to_f' then x.to_f
      when 'even' then x.even?
      when 'bitlen' then x.bit_length
      end
    end
  end
end
[2**1024, 2**1024 - 2**970, 2**1024 - 2**970 - 1, -(2**1100), 2**53 + 1, 2**53 + 3, 2**63 + 2**10,
 2**63 + 2**10 + 1, 2**64 - 1, (2**53 - 1) * 2**970, 2**200 + 2**147, 2**200 + 2**147 + 1, 2**200 + 3 * 2**147].each do |a|
  rows << row('to_f', [a]) { |x| x.to_f }
end

pow_pairs = [[2, 10], [2, 62], [2, 63], [2, 64], [-2, 63], [-3, 41], [3, 40], [7, 0], [0, 0], [0, 5], [1, -1], [-1, -1],
             [-1, -2], [2, -1], [0, -1], [10, 20], [2**70, 3], [-(2**70), 3], [2**64, 0], [2**64, 1], [2**70, -1],
             [0, -(2**70)], [1, -(2**70)], [-1, -(2**70)], [-1, 2**70 + 1], [2, 2**70], [-2, 2**70 + 1],
             [2**70, 2**70], [-(2**70), 2**70 + 1], [2**70, -(2**70)], [0, 2**70], [2, 32000000], [2, 33554432],
             [-3, 100000001], [-3, 100000000], [3, 1000], [-(2**70), 1000000], [-(2**70), 1000001],
             [2**62, 2], [2**31, 2], [-(2**31), 3], [3, 39], [3, 38], [2**31 - 1, 2], [46341, 4], [-46341, 5]]
(n * 3).times { pow_pairs << [any_int(ints), RNG.rand(0..70)] }
pow_pairs.each { |a, b| rows << row('pow', [a, b]) { |x, y| x**y } }

shifts = [[1, 100], [-7, 1], [-7, -1], [7, -2], [1, 2**70], [1, 2**67], [1, 2**66], [1, 2**64], [0, 2**100],
          [1, -(2**100)], [-5, -(2**100)], [-1, 2**100], [-(2**70), 3], [-(2**70), 71], [-(2**70) - 1, 70],
          [2**63 - 1, 1], [-(2**63), 1], [-(2**63), 64], [-(2**63), 63], [1, 62], [1, 63], [-1, 63], [3, 61]]
(n * 3).times { shifts << [any_int(ints), RNG.rand(-140..140)] }
shifts.each do |a, b|
  rows << row('shl', [a, b]) { |x, y| x << y }
  rows << row('shr', [a, b]) { |x, y| x >> y }
end

radix_cases = [[255, 16], [-255, 16], [10, 1], [10, 37], [2**70, 37], [0, 2], [-(2**100), 36], [2**64, 2]]
(n * 2).times { radix_cases << [any_int(ints), RNG.rand(2..36)] }
radix_cases.each { |a, r| rows << row('to_s', [a, r]) { |x, y| x.to_s(y) } }

lits = %w[0 00 0_0 017 0_17 08 09_1 0o17 0O17 0o 0o_17 0x1F 0XfF 0x 0x_1 0x1_f 0b1_0 0B11 0d1_0 0D9 0d
          1_000_000 1__2 1_ 0_ -0x10 +5 -5 123456789012345678901234567890 0xFFFFFFFFFFFFFFFFFF -0b1 9223372036854775808]
lits.each do |l|
  res = begin
    eval(l).inspect
  rescue SyntaxError
    '!invalid'
  end
  rows << ['parse', l, res].join("\t")
end

round_cases = [[12345, -2], [12345, -19], [12345, -20], [-15, -1], [15, -1], [25, -1], [-25, -1], [35, -1],
               [10**20, -40], [10**25 + 5 * 10**5, -6], [10**20, -1], [-(10**20), -1], [10**20 + 1, -1],
               [-(10**20) - 1, -1], [12, 2], [2**64, -18], [-(2**64), -19], [5 * 10**19, -20], [-5 * 10**19, -20]]
(n * 3).times { round_cases << [any_int(ints), RNG.rand(-25..1)] }
round_cases.each do |a, d|
  MODES.each { |m| rows << row('iround', [a, d, m]) { |x, y, z| x.round(y, half: z) } }
  rows << row('ifloor', [a, d]) { |x, y| x.floor(y) }
  rows << row('iceil', [a, d]) { |x, y| x.ceil(y) }
  rows << row('itrunc', [a, d]) { |x, y| x.truncate(y) }
end

# ---- Float ------------------------------------------------------------------------
fl = special_floats
fpairs = [[7.5, 0.0], [-7.5, 2.0], [7.0, -2.0], [5.0, Float::INFINITY], [-5.0, Float::INFINITY],
          [Float::INFINITY, 2.0], [Float::NAN, 2.0], [5.0, Float::NAN], [0.0, 0.0], [1e300, 1e-300],
          [-8.0, 1.0 / 3], [-8.0, 2.0], [-8.0, Float::INFINITY], [-0.5, Float::INFINITY], [-8.0, Float::NAN],
          [Float::NAN, 0.0], [-Float::INFINITY, 0.5], [6543.21, 137.0], [6543.21, 137.24], [-5.0, -0.0]]
(n * 6).times { fpairs << [any_float(fl), any_float(fl)] }
fpairs.each do |a, b|
  rows << row('fmod', [a, b]) { |x, y| x % y }
  rows << row('fdivmod', [a, b]) { |x, y| x.divmod(y) }
  rows << row('fdivi', [a, b]) { |x, y| x.div(y) }
  rows << row('fpow', [a, b]) { |x, y| x**y }
end
fipairs = [[2.0, 2], [-2.0, 3], [1.5, 2**70], [-1.5, 2**70 + 1], [0.5, -(2**70)], [Float::NAN, 0], [10.0, -3]]
fipairs += (-30..30).map { |k| [10.0, k] } + [[10.0, 308], [10.0, 309], [10.0, -320], [10.0, -324]]
(n * 2).times { fipairs << [any_float(fl), RNG.rand(2) == 0 ? RNG.rand(-40..40) : rand_int] }
fipairs.each { |a, b| rows << row('fpowi', [a, b]) { |x, y| x**y } }
ifpairs = [[0, -1.0], [0, -0.5], [0, 0.0], [0, Float::NAN], [2, Float::NAN], [-2, Float::NAN], [-2, 0.5],
           [-5, 0.5], [-(2**70), 2.0], [-(2**70), 0.5], [2**70, 0.5], [1, Float::NAN], [-8, 3.0], [2**1100, 0.5]]
(n * 2).times { ifpairs << [any_int(ints), any_float(fl)] }
ifpairs.each do |a, b|
  rows << row('ipowf', [a, b]) { |x, y| x**y }
  rows << row('icmpf', [a, b]) { |x, y| x <=> y }
  rows << row('ieqf', [a, b]) { |x, y| x == y }
  rows << row('imodf', [a, b]) { |x, y| x % y }
  rows << row('idivf', [a, b]) { |x, y| x.div(y) }
  rows << row('idivmodf', [a, b]) { |x, y| x.divmod(y) }
end
cmp_pairs = [[2**64, 2.0**64], [2**64 + 1, 2.0**64], [2**64 - 1, 2.0**64], [2**53 + 1, 2.0**53], [-(2**53 + 1), -(2.0**53)],
             [1, Float::NAN], [2**64, Float::INFINITY], [-(2**64), -Float::INFINITY], [0, -0.0], [3, 2.5], [-3, -2.5],
             [2, 2.5], [-2, -2.5], [10**400, 1.7976931348623157e308], [2**1024, Float::INFINITY]]
cmp_pairs.each do |a, b|
  rows << row('icmpf', [a, b]) { |x, y| x <=> y }
  rows << row('ieqf', [a, b]) { |x, y| x == y }
end

(fl + Array.new(n * 4) { rand_float } + [1e30, -1e30, 2.0**63, -(2.0**63), 2.0**64, -(2.0**64) - 4096.0]).each do |a|
  rows << row('to_i', [a]) { |x| x.to_i }
end

fround = [[1e-300, 310], [1.23456789e-5, 17], [1.23456789e-5, 20], [0.1, 16], [1e-300, 310], [-1e-300, 310],
          [2.5, 0], [-2.5, 0], [0.125, 2], [0.375, 2], [2.675, 2], [1.15, 1], [1.005, 3], [1.005, 2], [-1.005, 3],
          [1.1, 1], [0.3, 1], [-0.3, 1], [Float::NAN, 2], [Float::INFINITY, 2], [Float::NAN, 0], [-0.0, 2], [-0.0, 0],
          [-1e-10, 2], [1e-10, 2], [100.0, -2], [Float::NAN, -1], [Float::INFINITY, -2], [1.5, -1], [15.5, -1],
          [-15.5, -1], [1e20, -5], [1e20, -1], [34567.89, -3], [34567.89, 3], [0.5, 0], [-0.5, 0], [1.5, 0],
          [0.49999999999999994, 0], [2.5, 1], [12345.678, -2], [1.0e-5, 17], [4.35, 1], [4.45, 1], [-4.45, 1],
          [5.015, 2], [5.015, 3], [0.1 + 0.2, 16], [0.3, 16], [1.1, 15], [123456.789, 14], [9.5, 15], [-9.5, 15],
          [0.5e-15, 15], [1.25e-16, 16], [2.0**-60, 18], [5.0e-324, 320], [5.0e-324, 330]]
(n * 10).times { fround << [any_float(fl), RNG.rand(-25..25)] }
(n * 10).times { fround << [(RNG.rand * 20 - 10).round(RNG.rand(1..8)), RNG.rand(0..8)] }
fround.each do |a, d|
  MODES.each { |m| rows << row('fround', [a, d, m]) { |x, y, z| x.round(y, half: z) } }
  rows << row('ffloor', [a, d]) { |x, y| x.floor(y) }
  rows << row('fceil', [a, d]) { |x, y| x.ceil(y) }
  rows << row('ftrunc', [a, d]) { |x, y| x.truncate(y) }
end

rows.each { |r| abort "row contains the raw-string terminator: #{r}" if r.include?('"#') }
if out_path
  File.write(out_path, rows.join("\n") + "\n")
  $stderr.puts "#{out_path}: #{rows.size} rows"
else
  body = "const ORACLE: &str = r#\"\n" + rows.join("\n") + "\n\"#;\n"
  Gen.splice(File.expand_path('../src/numeric.rs', __dir__), 'numeric_oracle', body)
end
