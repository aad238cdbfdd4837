local N = 200
local a, b, c = {}, {}, {}
for i = 0, N - 1 do
  a[i], b[i], c[i] = {}, {}, {}
  for j = 0, N - 1 do
    a[i][j] = (i * 3 + j) % 17 - 8
    b[i][j] = (i + j * 5) % 13 - 6
  end
end
for i = 0, N - 1 do
  local ai, ci = a[i], c[i]
  for j = 0, N - 1 do
    local s = 0
    for k = 0, N - 1 do s = s + ai[k] * b[k][j] end
    ci[j] = s
  end
end
local check = 0
for i = 0, N - 1 do
  for j = 0, N - 1 do check = (check * 31 + c[i][j]) & 0xffffffff end
end
print(string.format("%d %d", c[N - 1][N - 1], check))
