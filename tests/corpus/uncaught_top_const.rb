class Known
end
p ::Known
p ::Missing
