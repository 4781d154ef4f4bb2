# A method of Integer compares `self` once (a guard on one `self` temp) and later
# copies `self` into a loop variable that the version unboxes. The guard of the
# first `self` stands for both: it must stay even though the comparison it was made
# for stays generic, or a Bignum receiver is unboxed unchecked.
class Integer
  def tens
    self == 0
    out = []
    n = self
    while n > 0
      out << n /= 10
    end
    out
  end

  def halves
    self > 0
    k = 0
    m = self
    while m > 1
      m = m / 2
      k += 1
    end
    k
  end
end

i = 0
while i < 50
  7.tens
  1000.halves
  i += 1
end
p (2**64).tens
p (2**70).halves
p 12345.tens
p (-5).halves
