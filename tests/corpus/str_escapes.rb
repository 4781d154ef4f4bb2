# Escape sequences in double-quoted strings, printed raw and with p.
puts "tab:\tend"
puts "newline:\nsecond line"
puts "quote: \"quoted\""
puts "backslash: \\ done"
puts "single ' inside double"
puts "hash sign: # and \#{not interpolated}"
p "tab:\tend"
p "newline:\nsecond"
p "quote: \"q\""
p "backslash: \\"
p "esc: \e[0m"
p "bell \a backspace \b formfeed \f vtab \v cr \r"
p "nul \0 one \x01 del \x7f"
p "space escape:\s."
p "unicode: \u00e9 \u263a"
puts "unicode: \u00e9 \u263a"
s = "a\tb\nc"
puts s.size
puts s.length
p s
puts s
e = "\e"
puts e.size
p e
p "\\n is not a newline"
puts "\\n is not a newline"
p "\#{x} \#$y \#@z"
p "dollar $ at @ hash #"
p "#"
p "a#b"
parts = ["x\ty", "q\"r", "back\\slash", "nl\n"]
p parts
puts parts
print "no newline at end", "\n"
print "carriage\rreturn\n"
