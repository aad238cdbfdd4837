local LEN = 65536
local tbl = {}
for i = 0, 255 do
  local c = i
  for k = 1, 8 do
    if c & 1 == 1 then c = 0xEDB88320 ~ (c >> 1) else c = c >> 1 end
  end
  tbl[i] = c
end
local data = {}
for i = 0, LEN - 1 do data[i] = (i * 7 + (i >> 5)) & 0xff end
local crc = 0
for round = 1, 40 do
  local c = 0xFFFFFFFF
  for i = 0, LEN - 1 do c = tbl[(c ~ data[i]) & 0xFF] ~ (c >> 8) end
  crc = crc ~ (c ~ 0xFFFFFFFF)
end
print(string.format("%08x", crc))
