# FrozenError names the class of the frozen object and its inspect (the user's inspect
# when there is one), for instance variables, Arrays (and their subclasses) and Strings.

class Account
  attr_accessor :balance

  def initialize
    @balance = 10
  end

  def inspect
    "#<Account #{@balance}>"
  end
end

class Stack < Array
end

def try(label)
  yield
  puts "#{label}: nothing raised"
rescue FrozenError => e
  puts "#{label}: #{e.class}: #{e.message}"
end

acct = Account.new.freeze
try("attr writer") { acct.balance = 5 }
try("ivar set") { acct.instance_variable_set(:@balance, 1) }
try("integer ivar") { 5.instance_variable_set(:@x, 1) }
try("symbol ivar") { :sym.instance_variable_set(:@x, 1) }
try("array push") { [1, 2].freeze << 3 }
try("array store") { [1].freeze[0] = 2 }
try("subclass push") { Stack.new.freeze << 1 }
try("string append") { "ab".freeze << "c" }
p acct.balance
