-- wrk script: stop each thread after BENCH_MAX_REQUESTS responses (bounded in requests as well
-- as in time) and print the figures the harness reads as one JSON line starting with "BENCH ".
-- A search page on Elasticsearch says Elasticsearch's own time in its Server-Timing header
-- (settings SEARCH_SERVER_TIMING): those are gathered too, as the service time of the very
-- requests measured, and how long the portal waited for each of those requests (took, plus
-- the request and its answer both ways).
local max_requests = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "0")
local count = 0
local threads = {}
took = {}  -- globals: read from each thread by done()
waited = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  count = count + 1
  local timing = headers["Server-Timing"]
  if timing then
    local duration = timing:match("elasticsearch;dur=([%d%.]+)")
    if duration then
      took[#took + 1] = tonumber(duration)
    end
    local request = timing:match("elasticsearch%-request;dur=([%d%.]+)")
    if request then
      waited[#waited + 1] = tonumber(request)
    end
  end
  if max_requests > 0 and count >= max_requests then
    wrk.thread:stop()
  end
end

local function percentile(values, fraction)
  if #values == 0 then
    return "null"
  end
  return string.format("%.2f", values[math.max(1, math.ceil(#values * fraction))])
end

local function gathered(name)
  local values = {}
  for _, thread in ipairs(threads) do
    for _, value in ipairs(thread:get(name) or {}) do
      values[#values + 1] = value
    end
  end
  table.sort(values)
  return values
end

function done(summary, latency, requests)
  local served, waits = gathered("took"), gathered("waited")
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_s": %.3f, "non_2xx_3xx": %d, "socket_errors": %d, '
      .. '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "mean_ms": %.2f, '
      .. '"took_count": %d, "took_p50_ms": %s, "took_p95_ms": %s, "request_p50_ms": %s, "request_p95_ms": %s}\n',
    summary.requests, summary.duration / 1e6, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, #served, percentile(served, 0.50), percentile(served, 0.95),
    percentile(waits, 0.50), percentile(waits, 0.95)))
end
