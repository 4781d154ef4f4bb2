# Indexes and counts of Array methods go through CRuby's NUM2LONG: an Integer that fits
# a C long (2**62 is one, though not a fixnum) reads as an ordinary index, a bigger one
# is a RangeError, floats are truncated, and writes past CRuby's largest array are an
# IndexError, before anything is allocated.

def try(label)
  r = yield
  puts "#{label}: #{r.inspect}"
rescue StandardError => e
  puts "#{label}: #{e.class}: #{e.message}"
end

a = [10, 20, 30]
try("a[2**62]") { a[2**62] }
try("a[-2**62]") { a[-(2**62)] }
try("a[2**63 - 1]") { a[2**63 - 1] }
try("a[-2**63]") { a[-(2**63)] }
try("a[2**63]") { a[2**63] }
try("a[2**64]") { a[2**64] }
try("a[-2**64]") { a[-(2**64)] }
try("a[1.9]") { a[1.9] }
try("a[-1.2]") { a[-1.2] }
try("a[1e20]") { a[1e20] }
try("a[nil]") { a[nil] }
try("a[\"1\"]") { a["1"] }
try("a[2**62, 1]") { a[2**62, 1] }
try("a[0, 2**62]") { a[0, 2**62] }
try("a[1, 2**63 - 1]") { a[1, 2**63 - 1] }
try("a[0, 2**64]") { a[0, 2**64] }
try("a[2**64, 1]") { a[2**64, 1] }
try("a[1, -1]") { a[1, -1] }
try("a[3, 1]") { a[3, 1] }
try("a[4, 1]") { a[4, 1] }
try("a[-3, 2]") { a[-3, 2] }
try("a[0, nil]") { a[0, nil] }
try("at 2**62") { a.at(2**62) }
try("at 2**64") { a.at(2**64) }
try("slice 2**62") { a.slice(2**62) }
try("slice 1.5, 1.5") { a.slice(1.5, 1.5) }

try("b[2**62] = 1") { b = [1]; b[2**62] = 1 }
try("b[2**60] = 1") { b = [1]; b[2**60] = 1 }
try("b[2**64] = 1") { b = [1]; b[2**64] = 1 }
try("b[-2**62] = 1") { b = [1]; b[-(2**62)] = 1 }
try("b[-2**64] = 1") { b = [1]; b[-(2**64)] = 1 }
try("b[-3] = 1") { b = [1, 2]; b[-3] = 1 }
try("b[1.5] = 2") { b = [1]; b[1.5] = 2; b }
try("b[4] = 5") { b = [1]; b[4] = 5; b }
try("b[nil] = 1") { b = [1]; b[nil] = 1 }
try("b[2**62, 0] = 1") { b = [1]; b[2**62, 0] = 1 }
try("b[2**64, 0] = 1") { b = [1]; b[2**64, 0] = 1 }
try("b[0, 2**62] = 9") { b = [1, 2]; b[0, 2**62] = 9; b }
try("b[0, 2**64] = 9") { b = [1, 2]; b[0, 2**64] = 9; b }
try("b[0, -1] = 9") { b = [1, 2]; b[0, -1] = 9; b }
try("b[-5, 1] = 9") { b = [1, 2]; b[-5, 1] = 9; b }
try("b[4, 0] = [8, 9]") { b = [1, 2]; b[4, 0] = [8, 9]; b }
try("b[1, 1] = []") { b = [1, 2, 3]; b[1, 1] = []; b }

try("insert 2**62") { [1].insert(2**62, 5) }
try("insert 2**64") { [1].insert(2**64, 5) }
try("insert -2**62") { [1].insert(-(2**62), 5) }
try("insert -3") { [1].insert(-3, 5) }
try("insert -2") { [1].insert(-2, 5) }
try("insert 1.5") { [1].insert(1.5, 5) }
try("insert 3") { [1].insert(3, 5) }
try("insert no values") { [1].insert(2**64) }
try("delete_at 2**62") { [1].delete_at(2**62) }
try("delete_at 2**64") { [1].delete_at(2**64) }
try("delete_at -1") { [1, 2].delete_at(-1) }

try("first 2**62") { a.first(2**62) }
try("first 2**64") { a.first(2**64) }
try("first -1") { a.first(-1) }
try("first 1e20") { a.first(1e20) }
try("first 1.9") { a.first(1.9) }
try("first nil") { a.first(nil) }
try("last 2**62") { a.last(2**62) }
try("last 2**64") { a.last(2**64) }
try("last -1") { a.last(-1) }
try("take 2**62") { a.take(2**62) }
try("take 2**64") { a.take(2**64) }
try("take -1") { a.take(-1) }
try("drop 2**62") { a.drop(2**62) }
try("drop 2**64") { a.drop(2**64) }
try("drop -1") { a.drop(-1) }
try("pop 2**62") { [1, 2].pop(2**62) }
try("pop 2**64") { [1, 2].pop(2**64) }
try("pop -1") { [1, 2].pop(-1) }
try("shift 2**62") { [1, 2].shift(2**62) }
try("shift -1") { [1, 2].shift(-1) }
