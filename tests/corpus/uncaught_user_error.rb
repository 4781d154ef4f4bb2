# DELIBERATE: ends with an uncaught user-defined exception at top level
# (exit status 1).
class InventoryError < StandardError
end
stock = [3, 1, 0, 2]
stock.each_with_index do |n, i|
  puts "item #{i}: #{n} left"
end
begin
  raise InventoryError, "handled once"
rescue InventoryError => e
  puts "rescued: #{e.message}"
end
raise InventoryError, "item 2 is out of stock"
