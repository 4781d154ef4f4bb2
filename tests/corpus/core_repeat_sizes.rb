# Array#* and String#* check their count as CRuby does before allocating: RangeError
# for counts outside a C long, ArgumentError for negative counts and results past the
# largest array or string; empty receivers repeat any count.

def try(label)
  r = yield
  puts "#{label}: #{r.inspect}"
rescue StandardError => e
  puts "#{label}: #{e.class}: #{e.message}"
end

a = [1, 2, 3]
try("a * 2**62") { a * 2**62 }
try("a * 2**60") { a * 2**60 }
try("a * 2**64") { a * 2**64 }
try("a * -1") { a * -1 }
try("a * 1.5") { a * 1.5 }
try("a * 1e20") { a * 1e20 }
try("a * nil") { a * nil }
try("a * 0") { a * 0 }
try("a * 2") { a * 2 }
try("[] * 2**62") { [] * 2**62 }
try("a * \",\"") { a * "," }
try("[[1, 2]] * 2") { [[1, 2]] * 2 }

s = "ab"
try("s * 2**62") { s * 2**62 }
try("s * 2**64") { s * 2**64 }
try("s * -1") { s * -1 }
try("s * 2.5") { s * 2.5 }
try("s * nil") { s * nil }
try("s * 0") { s * 0 }
try("s * 3") { s * 3 }
try("\"\" * 2**62") { "" * 2**62 }
try("multibyte * 2") { "λx" * 2 }

try("str[2**62]") { "abc"[2**62] }
try("str[2**64]") { "abc"[2**64] }
try("str[0, 2**62]") { "abc"[0, 2**62] }
try("str[0, 2**64]") { "abc"[0, 2**64] }
try("str[1.5]") { "abc"[1.5] }
try("str[0, 1.5]") { "abc"[0, 1.5] }
try("str[3]") { "abc"[3] }
try("str[3, 1]") { "abc"[3, 1] }
try("str[-4]") { "abc"[-4] }
try("str[nil]") { "abc"[nil] }
try("str[0, nil]") { "abc"[0, nil] }

try("<< 955") { "x" << 955 }
try("<< -1") { "x" << -1 }
try("<< 2**40") { "x" << 2**40 }
try("<< 2**64") { "x" << 2**64 }
try("<< 0x110000") { "x" << 0x110000 }
try("<< 0xD800") { "x" << 0xD800 }
try("<< 1.5") { "x" << 1.5 }
try("65.chr") { 65.chr }
try("(2**64).chr") { (2**64).chr }
try("(-1).chr") { (-1).chr }

try("to_s(2**40)") { 10.to_s(2**40) }
try("to_s(-2**40)") { 10.to_s(-(2**40)) }
try("to_s(2**64)") { 10.to_s(2**64) }
try("to_s(2.5)") { 10.to_s(2.5) }
try("to_s(nil)") { 10.to_s(nil) }
try("round(2**40)") { 1.5.round(2**40) }
try("round(2**64)") { 1.5.round(2**64) }
try("round(1.5)") { 1.25.round(1.5) }
try("round(nil)") { 1.5.round(nil) }
try("floor(-(2**31))") { 15.floor(-(2**31)) }
