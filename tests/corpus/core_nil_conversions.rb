# nil converts to the empty value of each type.

p nil.to_f
p nil.to_i
p nil.to_a
p nil.to_s
p nil.to_f + 1.5
p nil.to_f.class
p [nil, 2].map { |x| x.to_f }
