puts "before"
super
