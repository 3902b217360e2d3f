-- wrk script: each request asks for one of many board addresses, read from the
-- file named by the BOARD_PATHS environment variable, so that the benchmark
-- measures a mix of cached and uncached boards rather than one cached page.
local paths = {}
for line in io.lines(os.getenv("BOARD_PATHS")) do
  paths[#paths + 1] = line
end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
