# Several rescue clauses: first match wins, class lists, superclass ordering.
def risky(kind)
  case kind
  when :zero then 1 / 0
  when :nomethod then nil.zork
  when :name then undefined_name_here
  when :type then 1 + "s"
  when :arg then raise ArgumentError, "arg!"
  when :runtime then raise "rt!"
  else :fine
  end
end
[:zero, :nomethod, :name, :type, :arg, :runtime, :none].each do |k|
  begin
    r = risky(k)
    puts "#{k}: returned #{r.inspect}"
  rescue ZeroDivisionError, TypeError => e
    puts "#{k}: math-ish #{e.class}: #{e.message}"
  rescue NoMethodError => e
    puts "#{k}: no method: #{e.message}"
  rescue NameError => e
    puts "#{k}: name: #{e.message}"
  rescue ArgumentError
    puts "#{k}: argument (no variable)"
  rescue StandardError => e
    puts "#{k}: standard #{e.class}: #{e.message}"
  else
    puts "#{k}: else branch"
  ensure
    puts "#{k}: ensure"
  end
end
begin
  nil.zork
rescue NameError => e
  puts "NameError clause caught #{e.class}"
rescue NoMethodError => e
  puts "never: NameError clause comes first"
end
begin
  begin
    raise ArgumentError, "inner arg"
  rescue TypeError
    puts "not this one"
  end
rescue ArgumentError => e
  puts "outer caught #{e.message}"
end
