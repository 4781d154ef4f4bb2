# Bubble sort, insertion sort and selection sort on arrays (no Array#sort).
def bubble_sort(a)
  a = a.map { |x| x }
  n = a.size
  swaps = 0
  loop_count = 0
  swapped = true
  while swapped
    swapped = false
    i = 0
    while i < n - 1
      if a[i] > a[i + 1]
        t = a[i]
        a[i] = a[i + 1]
        a[i + 1] = t
        swapped = true
        swaps += 1
      end
      i += 1
    end
    n -= 1
    loop_count += 1
  end
  [a, swaps, loop_count]
end
def insertion_sort(a)
  out = []
  a.each do |x|
    out << x
    j = out.size - 1
    while j > 0 && out[j - 1] > out[j]
      t = out[j]
      out[j] = out[j - 1]
      out[j - 1] = t
      j -= 1
    end
  end
  out
end
def selection_sort(a)
  a = a.map { |x| x }
  i = 0
  while i < a.size
    m = i
    j = i + 1
    while j < a.size
      m = j if a[j] < a[m]
      j += 1
    end
    t = a[i]
    a[i] = a[m]
    a[m] = t
    i += 1
  end
  a
end
seed = 12345
data = Array.new(40) do
  seed = (seed * 1103515245 + 12345) % 2147483648
  seed % 1000
end
p data
sorted, swaps, passes = bubble_sort(data)
p sorted
puts "swaps=#{swaps} passes=#{passes}"
p insertion_sort(data)
p selection_sort(data)
p bubble_sort([5.5, -1.25, 3.0, 2.0e-3, -7.0])[0]
p insertion_sort(["pear", "apple", "fig", "banana"].map { |s| s.size })
p bubble_sort([])[0]
p bubble_sort([1])[0]
p bubble_sort([2 ** 70, 5, -(2 ** 65), 0])[0]
