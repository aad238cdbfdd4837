-- Lua strings are immutable: the in-place algorithm works on a table of bytes, as C does.
local LEN = 100000
local text = {}
for i = 0, LEN - 1 do text[i] = 97 + (i * 7) % 26 end
local function reverse(s, n)
  local i, j = 0, n - 1
  while i < j do
    s[i], s[j] = s[j], s[i]
    i = i + 1
    j = j - 1
  end
end
for round = 1, 101 do reverse(text, LEN) end
local check = 0
for i = 0, LEN - 1 do check = (check * 31 + text[i]) & 0xffffffff end
print(string.format("%s%s%s %d", string.char(text[0]), string.char(text[1]), string.char(text[LEN - 1]), check))
