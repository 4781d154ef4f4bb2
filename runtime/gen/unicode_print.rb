# Generates NON_PRINTABLE in runtime/src/format.rs: the non-ASCII code points that
# CRuby's UTF-8 String#inspect escapes instead of printing (Onigmo's isprint, as
# shipped with the running ruby). Run with CRuby 3.1 from the repository root:
#   ruby runtime/gen/unicode_print.rb
require_relative 'splice'

abort 'run with a UTF-8 default external encoding' unless Encoding.default_external == Encoding::UTF_8

ranges = []
(0x80..0x10FFFF).each do |c|
  next if (0xD800..0xDFFF).cover?(c) # surrogates: not characters
  s = c.chr(Encoding::UTF_8)
  next if s.inspect == "\"#{s}\""
  last = ranges.last
  if last && (last[1] == c - 1 || (last[1] == 0xD7FF && c == 0xE000))
    last[1] = c
  else
    ranges << [c, c]
  end
end

lines = ["#[rustfmt::skip]", "const NON_PRINTABLE: &[(u32, u32)] = &["]
ranges.each_slice(4) do |sl|
  lines << '    ' + sl.map { |a, b| format('(0x%04X, 0x%04X),', a, b) }.join(' ')
end
lines << '];'
Gen.splice(File.expand_path('../src/format.rs', __dir__), 'unicode_nonprint', lines.join("\n"))
