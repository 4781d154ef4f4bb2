# Generates the oracle tables for the unit tests of runtime/src/format.rs by running
# CRuby 3.1 (Float#to_s, String#inspect, Symbol#inspect). Run from the repository
# root, with a UTF-8 locale:
#   ruby runtime/gen/format_tables.rb          # splices sample tables into format.rs
#   ruby runtime/gen/format_tables.rb --out F -n 200000 [--seed S]
#       # writes a large table to F instead; then run the ignored test with
#       # REBOUND_FORMAT_ORACLE=F cargo test -p runtime format -- --ignored
#
# Large-table rows are tab-separated: kind (f = Float#to_s, s = String#inspect of
# UTF-8 bytes, y = Symbol#inspect), input, expected. Float inputs are the bits in hex;
# string inputs and all expected outputs are hex-encoded bytes.
require_relative 'splice'

abort 'run with a UTF-8 default external encoding' unless Encoding.default_external == Encoding::UTF_8
out_path = nil
count = nil
seed = 1729
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
big = !out_path.nil?
count ||= 150

def bits_to_f(b) = [b].pack('Q>').unpack1('G')
def f_to_bits(f) = [f].pack('G').unpack1('Q>')

# ---- floats -----------------------------------------------------------------------
def random_float
  case RNG.rand(7)
  when 0 then bits_to_f(RNG.rand(2**64)) # any bit pattern
  when 1 then Float("#{RNG.rand(1..9)}.#{RNG.rand(10**RNG.rand(0..6))}e#{RNG.rand(-30..30)}")
  when 2 then RNG.rand(-10**RNG.rand(1..18)..10**RNG.rand(1..18)).to_f # integers as floats
  when 3 then (RNG.rand(2**53) | 1) * 2.0**RNG.rand(-12..60) # short binary fractions: dtoa ties
  when 4 then Float("#{RNG.rand(10**RNG.rand(1..17))}e#{RNG.rand(-330..310)}")
  when 5 then RNG.rand * 10.0**RNG.rand(-6..18)
  else 10.0**RNG.rand(-325..309) * (RNG.rand(2) == 0 ? 1 : -1)
  end
end

fixed = [0.0, -0.0, Float::NAN, Float::INFINITY, -Float::INFINITY, 5.0e-324, -5.0e-324, 1.0e-323,
         2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, -1.7976931348623157e308,
         1.0, -1.0, 100.0, 0.1, 0.0001, 0.00009999, 0.00001, 0.00012345, 1234567.0, 1e15, 1e16, 1e17,
         9999999999999998.0, 999999999999999.9, 99999999999999.98, 123456789012345.0, 1234567890123456.0,
         1234567890123456.7, 12345678901234567.0, 9007199254740993.0, 9007199254740992.0, 4503599627370497.0,
         1.2345e20, 1.0e-5, -1.5e-7, 1e22, 1e23, 1e100, 1e-100, 0.5, 0.25, 0.125, 2.5, 1.0 / 3, 2.0 / 3,
         0.1 + 0.2, 632942659992912.25, 2.0**52 + 0.5, 2.0**63, 2.0**64, 2.0**-1074 * 3, 123.456, -0.001, 0.001]
floats = fixed.dup
(-24..24).each { |k| v = 10.0**k; floats << v << v.prev_float << v.next_float }
(-330..310).step(big ? 1 : 37) { |k| floats << Float("1e#{k}") }
(big ? count : count * 2).times { floats << random_float }
floats.uniq! { |f| f_to_bits(f) }

# ---- strings ----------------------------------------------------------------------
specials = [0x80, 0x85, 0x9f, 0xa0, 0xad, 0xff, 0x300, 0x378, 0x5d0, 0x200b, 0x200d, 0x2028, 0x2029, 0x202e,
            0x3000, 0x1680, 0xe000, 0xf8ff, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x1f600, 0x1f9ff,
            0xe0001, 0xe0100, 0xf0000, 0x10fffd, 0x10ffff, 0x30000, 0x2fffe, 0x1d173, 0x661, 0x3042]
strings = (0..127).map { |c| c.chr(Encoding::UTF_8) } + specials.map { |c| c.chr(Encoding::UTF_8) }
strings += ['', 'abc', "a\#{b", "a\#$b", "a\#@b", '#', '##', "\#{", "#\#{", "##\#{}", 'a#b', '#a', "\#@@x",
            "caf\u00e9", "\u65e5\u672c\u8a9e", "tab\there", "q\"uote", 'back\\slash', "\e[0m", "\u0000\u0001",
            "#\n", "\#$", "\#@"]
pool = (0..127).map { |c| c.chr(Encoding::UTF_8) } + specials.map { |c| c.chr(Encoding::UTF_8) } + ['#', '{', '$', '@', '"', '\\'] * 4
(big ? count / 4 : count).times { strings << Array.new(RNG.rand(1..6)) { pool[RNG.rand(pool.size)] }.join }
if big
  (0x80..0x10FFFF).step(3) { |c| strings << c.chr(Encoding::UTF_8) unless (0xD800..0xDFFF).cover?(c) }
end
bad_bytes = ["\xff".b, "\xfe\xffabc".b, "\xe3\x81".b, "\xe3\x81a".b, "\xc3".b, "\xc0\x80".b, "\xed\xa0\x80".b,
             "\xf4\x90\x80\x80".b, "\xf0\x9f\x98".b, "a\xe9".b, "\xf0\x9f\x98\x80\xff".b, "\x80\x80".b, "é\xff#{'#'}{".b]
byte_pool = [0xff, 0x80, 0xc3, 0xa9, 0xe3, 0x81, 0x82, 0xf0, 0x9f, 0x23, 0x7b, 0x61, 0x0a, 0x22]
(big ? count / 4 : count / 3).times { bad_bytes << Array.new(RNG.rand(1..6)) { byte_pool[RNG.rand(byte_pool.size)] }.pack('C*') }

# ---- symbols ----------------------------------------------------------------------
names = %w(foo foo? foo! foo= Foo Foo? Foo! Foo= foo?= foo!= foo== + - * ** / % +@ -@ ! !@ ~ ~@ != !~ =~ == ===
           <=> < <= << > >= >> & | ^ [] []= ` = && || ... .. : :: @iv @@cv @ @@ @1 @@1 @iv? @iv= $g $1 $12 $~
           $! $-w $-ww $$ $? $ $- $_ $__ $a? 9a _ _1 nil true self class def if __FILE__ BEGIN a.b []? => ->
           $0 $10 $-1 $: $; $, $/ $\\ $* $< $> $" $. $= $& $` $' $+ $@ @a1 A1 a1 1 ? !== 9= @= @@= ?= [= []==
           $a= @a= A= a?= foo!! $-a= @1= $1= $-$ $0a $_a)
names += ['', 'a b', 'foo bar', "a\nb", "a\"b", 'foo-bar', ' =', "a\u0001", "\u00e9", "\u65e5\u672c", "\u00f1?",
          "\u00f1=", "\u00c4", "\u00c4b", "\u00e9t\u00e9", "\u3042", "\u00e9!", "\u00e9\u0001", "a\x7f", "$-\u00e9",
          "$\u00e9", "@\u00e9", "a\u0378", "a\u0085", "\u0000", "a\u0000b", "\u00e9 ", "#\{", '#{x}', '"', '\\']
sym_pool = %w[a Z _ 1 ? ! = @ $ - + [ ] < > * ~ % & | ^ / ` : . #] + [' ', "\u00e9", "\n", "\u0085", "\u0378", '"']
(big ? count / 4 : count).times { names << Array.new(RNG.rand(1..4)) { sym_pool[RNG.rand(sym_pool.size)] }.join }
names.uniq!

# ---- output -----------------------------------------------------------------------
if big
  hex = ->(s) { s.b.unpack1('H*') }
  File.open(out_path, 'w') do |f|
    floats.each { |x| f.puts ['f', format('%016x', f_to_bits(x)), hex[x.to_s]].join("\t") }
    (strings + bad_bytes).each { |s| f.puts ['s', hex[s], hex[s.dup.force_encoding('UTF-8').inspect]].join("\t") }
    names.each { |n| f.puts ['y', hex[n], hex[n.to_sym.inspect]].join("\t") }
  end
  warn "#{out_path}: #{floats.size + strings.size + bad_bytes.size + names.size} rows"
  exit
end

path = File.expand_path('../src/format.rs', __dir__)
lines = ['#[rustfmt::skip]', 'const FLOAT_TO_S: &[(u64, &str)] = &[']
floats.each { |x| lines << "    (#{format('0x%016x', f_to_bits(x))}, #{Gen.rust_str(x.to_s)})," }
lines << '];'
Gen.splice(path, 'float_to_s_oracle', lines.join("\n"))

lines = ['#[rustfmt::skip]', 'const INSPECT_STR: &[(&str, &str)] = &[']
strings.each { |s| lines << "    (#{Gen.rust_str(s)}, #{Gen.rust_str(s.dup.force_encoding('UTF-8').inspect)})," }
lines << '];'
lines << '#[rustfmt::skip]'
lines << 'const INSPECT_BYTES: &[(&[u8], &str)] = &['
bad_bytes.each { |s| lines << "    (#{Gen.rust_bytes(s)}, #{Gen.rust_str(s.dup.force_encoding('UTF-8').inspect)})," }
lines << '];'
Gen.splice(path, 'inspect_str_oracle', lines.join("\n"))

lines = ['#[rustfmt::skip]', 'const INSPECT_SYMBOL: &[(&str, &str)] = &[']
names.each { |n| lines << "    (#{Gen.rust_str(n)}, #{Gen.rust_str(n.to_sym.inspect)})," }
lines << '];'
Gen.splice(path, 'inspect_symbol_oracle', lines.join("\n"))
