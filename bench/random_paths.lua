-- wrk script: each request asks for a random address from the file named by the
-- BOARD_PATHS environment variable (every commune, every year, both languages),
-- so that the run reads boards nobody opened before, as on announcement day.
local paths = {}
for line in io.lines(os.getenv("BOARD_PATHS")) do
  paths[#paths + 1] = line
end
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
init = function(args)
  math.randomseed(os.time() * 1000 + (id or 0))
end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
