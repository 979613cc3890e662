-- wrk script of the soak suite (tests/soak/run.sh): counts every answer by
-- the wall clock of its arrival, 2xx as good and anything else as failed,
-- and writes to $SOAK_OUT at the end:
--   summary FIRST_FAILED_MS LAST_FAILED_MS LAST_GOOD_MS GOOD FAILED
--   errors CONNECT READ WRITE TIMEOUT        (wrk's socket errors: failed too)
--   T_MS GOOD FAILED                         (one line per 100 ms)
-- Times are milliseconds since 1970 (CLOCK_REALTIME, as date +%s%3N).
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } soak_timespec;
int clock_gettime(int clock, soak_timespec *tp);
]]
local ts = ffi.new("soak_timespec")

local function now_ms()
  ffi.C.clock_gettime(0, ts)
  return tonumber(ts.tv_sec) * 1000 + math.floor(tonumber(ts.tv_nsec) / 1000000)
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  good, failed = {}, {}
  first_failed, last_failed, last_good = 0, 0, 0
end

function response(status, headers, body)
  local t = now_ms()
  local b = math.floor(t / 100) * 100
  if status >= 200 and status < 300 then
    good[b] = (good[b] or 0) + 1
    last_good = t
  else
    failed[b] = (failed[b] or 0) + 1
    if first_failed == 0 or t < first_failed then first_failed = t end
    if t > last_failed then last_failed = t end
  end
end

function done(summary, latency, requests)
  local g, f, keys = {}, {}, {}
  local ff, lf, lg, ng, nf = 0, 0, 0, 0, 0
  for _, th in ipairs(threads) do
    for k, v in pairs(th:get("good")) do g[k] = (g[k] or 0) + v; ng = ng + v end
    for k, v in pairs(th:get("failed")) do f[k] = (f[k] or 0) + v; nf = nf + v end
    local a, b, c = th:get("first_failed"), th:get("last_failed"), th:get("last_good")
    if a > 0 and (ff == 0 or a < ff) then ff = a end
    if b > lf then lf = b end
    if c > lg then lg = c end
  end
  for k in pairs(g) do keys[k] = true end
  for k in pairs(f) do keys[k] = true end
  local sorted = {}
  for k in pairs(keys) do table.insert(sorted, k) end
  table.sort(sorted)
  local out = io.open(os.getenv("SOAK_OUT"), "w")
  out:write(string.format("summary %d %d %d %d %d\n", ff, lf, lg, ng, nf))
  local e = summary.errors
  out:write(string.format("errors %d %d %d %d\n", e.connect, e.read, e.write, e.timeout))
  for _, k in ipairs(sorted) do
    out:write(string.format("%d %d %d\n", k, g[k] or 0, f[k] or 0))
  end
  out:close()
end
