-- wrk script of the load scenario (bench/loadtest.py): many users at once over a weighted mix of
-- URLs. wrk runs it with one thread per connection (-t50 -c50), so each thread's single connection
-- alternates request() and response(): the latency of each answer is known together with the
-- entry of the mix it answers (wrk itself keeps one histogram for every request). When wrk asks
-- for a request again before an answer (a write it must retry, or a connection lost and made again:
-- wrk counts the latter among its socket errors), the same entry is sent again, timed anew.
--
-- BENCH_LOAD_MIX names the mix, one entry a line: weight, name, signed in (1/0), search page (1/0)
-- and path, separated by tabs; BENCH_LOAD_COOKIE is the member's session cookie for the signed-in
-- entries. done() writes each answer to BENCH_LOAD_OUT as "line status ms es" (es: 1 when the page
-- said Elasticsearch's time in its Server-Timing header, as every search page answered from
-- Elasticsearch does), and prints wrk's own counts as one JSON line starting with "BENCH ".
local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *now);
]])
local CLOCK_MONOTONIC = 1
local clock = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local threads = {}
local entries, cumulative, total = {}, {}, 0
local pending, started = nil, 0
answers = {} -- a global: read from each thread by done(); four numbers per answer

function setup(thread)
  table.insert(threads, thread)
  thread:set("number", #threads)
end

function init(args)
  -- wrk.headers has its Host here (wrk.init sets it before calling this)
  local cookie = os.getenv("BENCH_LOAD_COOKIE") or ""
  for line in io.lines(os.getenv("BENCH_LOAD_MIX")) do
    local weight, name, signed, search, path = line:match("^([%d%.]+)\t([^\t]+)\t([01])\t([01])\t(.+)$")
    local headers = {}
    for key, value in pairs(wrk.headers) do
      headers[key] = value
    end
    if signed == "1" then
      headers["Cookie"] = cookie
    end
    total = total + tonumber(weight)
    cumulative[#cumulative + 1] = total
    entries[#entries + 1] = { request = wrk.format("GET", path, headers), search = search == "1" }
  end
  math.randomseed(7919 * number)
end

local function pick()
  local roll = math.random() * total
  for index, bound in ipairs(cumulative) do
    if roll < bound then
      return index
    end
  end
  return #cumulative
end

function request()
  pending = pending or pick()
  started = now_ms()
  return entries[pending].request
end

function response(status, headers, body)
  if not pending then
    return
  end
  local timing = headers["Server-Timing"] or ""
  local from_es = timing:find("elasticsearch;dur=", 1, true) and 1 or 0
  local n = #answers
  answers[n + 1], answers[n + 2], answers[n + 3], answers[n + 4] = pending, status, now_ms() - started, from_es
  pending = nil
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("BENCH_LOAD_OUT"), "w"))
  for _, thread in ipairs(threads) do
    local got = thread:get("answers") or {}
    for i = 1, #got, 4 do
      out:write(string.format("%d %d %.3f %d\n", got[i], got[i + 1], got[i + 2], got[i + 3]))
    end
  end
  out:close()
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_s": %.3f, "non_2xx_3xx": %d, "connect": %d, "read": %d, '
      .. '"write": %d, "timeout": %d}\n',
    summary.requests, summary.duration / 1e6, errors.status, errors.connect, errors.read, errors.write,
    errors.timeout))
end
