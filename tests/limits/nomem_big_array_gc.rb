# Run under a 4 GiB address-space limit (tests/limits/README.md). A 1 GiB array that
# the program keeps survives collections: marking it takes no copy of its elements.

big = [1] * 2**27
p big.size
junk = []
2000.times { |i| junk << ("y" * 100) + i.to_s }
p junk.size
p big[2**27 - 1]
p big.size
