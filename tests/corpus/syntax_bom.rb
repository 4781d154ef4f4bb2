# A UTF-8 byte-order mark at the start of the file is not part of the first token.
value = 41
p value + 1
p __LINE__
