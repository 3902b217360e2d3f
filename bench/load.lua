-- wrk script for `make bench`'s load rows (bench/load.py).
--
-- Each request asks for a random address from the file named by LOAD_PATHS, so
-- that the run reads pages in the order nobody warmed them, as on announcement
-- day. A response with a status of LOAD_BAD_FROM or more (400 unless told; 300
-- where a redirect means a failure, such as a signed-out dashboard) counts as an
-- error, as do wrk's socket errors (connect, read, write, timeout). `done`
-- prints one line that bench/load.py reads:
--   LOAD requests=N seconds=S p50_ms=X p99_ms=Y bad_status=B socket=E
local paths = {}
for line in io.lines(os.getenv("LOAD_PATHS")) do
  paths[#paths + 1] = line
end
local bad_from = tonumber(os.getenv("LOAD_BAD_FROM") or "400")
local threads = {}

setup = function(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

init = function(args)
  math.randomseed(os.time() * 1000 + (id or 0))
  bad = 0
end

request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end

response = function(status, headers, body)
  if status >= bad_from then
    bad = bad + 1
  end
end

done = function(summary, latency, requests)
  local status = 0
  for _, thread in ipairs(threads) do
    status = status + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    "LOAD requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f bad_status=%d socket=%d\n",
    summary.requests,
    summary.duration / 1e6,
    latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    status,
    e.connect + e.read + e.write + e.timeout
  ))
end
