# case/when with literals, several values per when, strings, symbols, nil, no-else.
def describe(x)
  case x
  when 0
    "zero"
  when 1, 2, 3
    "small"
  when 4.0
    "four point oh"
  when "hello", "hi"
    "greeting"
  when :stop
    "symbol stop"
  when nil
    "nothing"
  when true
    "yes"
  when false
    "no"
  else
    "other: #{x}"
  end
end
[0, 1, 3, 4, 4.0, "hi", "hello", "Hi", :stop, "stop", nil, true, false, 99, 2 ** 64].each do |v|
  puts "#{v.inspect} -> #{describe(v)}"
end
def grade(score)
  case score / 10
  when 10, 9 then "A"
  when 8 then "B"
  when 7 then "C"
  end
end
[100, 95, 85, 72, 50].each { |s| p grade(s) }
v = case 5 when 1 then :one end
p v
n = 3
r = case n * 2
    when 2 then "tiny"
    when 6 then "mid"
    else "huge"
    end
p r
w = case "abc"
    when "ab" + "c"
      "computed match"
    end
p w
c = 0
case c += 1
when 1
  puts "matched after increment, c=#{c}"
end
