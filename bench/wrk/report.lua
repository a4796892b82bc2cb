-- wrk script: stop each thread after BENCH_MAX_REQUESTS responses (bounded in requests as well
-- as in time) and print the figures the harness reads as one JSON line starting with "BENCH ".
local max_requests = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "0")
local count = 0

function response(status, headers, body)
  count = count + 1
  if max_requests > 0 and count >= max_requests then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_s": %.3f, "non_2xx_3xx": %d, "socket_errors": %d, '
      .. '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "mean_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000))
end
