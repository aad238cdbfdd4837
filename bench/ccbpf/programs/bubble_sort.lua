local N = 4000
local a = {}
local x = 12345
for i = 1, N do
  x = (x * 1103515245 + 12345) & 0xffffffff
  a[i] = (x >> 8) % 100000
end
for i = 1, N - 1 do
  for j = 1, N - i do
    if a[j] > a[j + 1] then a[j], a[j + 1] = a[j + 1], a[j] end
  end
end
local check = 0
for i = 1, N do check = (check * 31 + a[i]) & 0xffffffff end
print(string.format("%d %d %d", a[1], a[N], check))
