# Shared helpers for the table generators in this directory: Rust literal syntax for
# Ruby values, and splicing generated text into a Rust source file between
#   // BEGIN GENERATED <name> ...
#   // END GENERATED <name>
# marker lines (the markers stay; everything between them is replaced).

module Gen
  module_function

  # A Rust string literal for a UTF-8 Ruby string (ASCII-only output: everything
  # outside printable ASCII becomes \u{...}).
  def rust_str(s)
    out = +'"'
    s.each_char do |ch|
      c = ch.ord
      if ch == '"' then out << '\\"'
      elsif ch == '\\' then out << '\\\\'
      elsif c >= 0x20 && c < 0x7f then out << ch
      else out << format('\\u{%x}', c)
      end
    end
    out << '"'
  end

  # A Rust byte-string literal (b"...") for arbitrary bytes.
  def rust_bytes(s)
    out = +'b"'
    s.each_byte do |b|
      if b == 0x22 then out << '\\"'
      elsif b == 0x5c then out << '\\\\'
      elsif b >= 0x20 && b < 0x7f then out << b.chr
      else out << format('\\x%02x', b)
      end
    end
    out << '"'
  end

  # The bits of a Float as a Rust u64 literal.
  def f64_bits(f)
    format('0x%016x', [f].pack('G').unpack1('Q>'))
  end

  # Replaces the text between the markers named `name` in `path` with `body`.
  def splice(path, name, body)
    src = File.read(path)
    re = /^([ \t]*)\/\/ BEGIN GENERATED #{Regexp.escape(name)}\b[^\n]*\n.*?^[ \t]*\/\/ END GENERATED #{Regexp.escape(name)}\b[^\n]*\n/m
    m = re.match(src) or abort "#{path}: no GENERATED #{name} markers"
    indent = m[1]
    first = m[0].lines.first
    last = m[0].lines.last
    body = body.lines.map { |l| l.strip.empty? ? "\n" : indent + l }.join
    body += "\n" unless body.end_with?("\n")
    File.write(path, src.sub(re) { first + body + last })
    $stderr.puts "#{path}: spliced #{name} (#{body.lines.size} lines)"
  end
end
