-- wrk script of bench/load.py: each request picks a random line of the file named by
-- CHIBO_BENCH_URLS ("<Cookie header>\t<path>", one line per unit of weight) and sends its
-- session cookie; any answer but 200 counts as an error (a 302 to the login page too).
-- done() prints one JSON line with the totals and the latency percentiles (microseconds).

local entries = {}
local file = assert(io.open(os.getenv("CHIBO_BENCH_URLS"), "r"))
for line in file:lines() do
  local cookie, path = line:match("^([^\t]+)\t(%S+)$")
  if cookie then
    entries[#entries + 1] = { cookie = cookie, path = path }
  end
end
file:close()

local threads = {}
local counter = 0
bad = 0 -- answers other than 200 in this thread (read by done() through thread:get)

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(os.time() * 100 + (id or 0))
end

function request()
  local entry = entries[math.random(#entries)]
  return wrk.format("GET", entry.path, { ["Cookie"] = entry.cookie })
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, thread in ipairs(threads) do
    non200 = non200 + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "connect_errors": %d, "read_errors": %d, '
      .. '"write_errors": %d, "status_errors": %d, "timeouts": %d, "non_200": %d, '
      .. '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.0f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    non200, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean
  ))
end
