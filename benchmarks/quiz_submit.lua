-- wrk script for benchmarks/quiz.sh: posts each pre-built quiz submission exactly once.
--
--   wrk -t T -c C -d MAX -s quiz_submit.lua http://127.0.0.1:PORT -- POOL.tsv T FLAGDIR
--
-- POOL.tsv (written by quiz_seed.py): one line per learner, "attempt path TAB sw_sessie cookie TAB form body",
-- for an open attempt. Thread i (0-based) takes lines i, i+T, i+2T, ... and sends each of them once, so every
-- request is a fresh submission: no request is ever repeated (a repeat would be an idempotent no-op redirect).
-- When a thread has no line left, a connection that asks for a request gets an empty one (nothing is sent, the
-- connection idles). When a thread has all its answers it stops its own event loop and writes FLAGDIR/done-<i>
-- with its monotonic start and end times (ns: first request handed to wrk, last answer received); quiz.sh
-- takes the run's duration from these files (wrk's own duration is MAX when the run is not ended early). The
-- last thread to finish sends SIGINT to wrk to end it at once (quiz.sh repeats that if wrk is still running).
-- A lost response (socket error) keeps its thread waiting until MAX.
--
-- wrk calls request() once on thread 0 before the run to check the request ("script_verify_request"); that
-- call gets the first line without consuming it.
--
-- A fresh submission answers 303 to .../resultaat. Anything else is counted as "bad" with its status, and the
-- first few are printed to stderr. done() prints one line "QUIZ key=value ..." for quiz.sh.

-- Monotonic clock in ns: clock_gettime through LuaJIT's FFI (wrk links LuaJIT), else `date` (slow, but it runs
-- only twice per thread).
local now_ns
do
   local ok, ffi = pcall(require, "ffi")
   if ok then
      pcall(ffi.cdef, "typedef struct { long tv_sec; long tv_nsec; } quiz_timespec; " ..
         "int clock_gettime(int clk_id, quiz_timespec *tp);")
      local ts = ffi.new("quiz_timespec")
      now_ns = function()
         ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
         return tonumber(ts.tv_sec) * 1e9 + tonumber(ts.tv_nsec)
      end
   else
      now_ns = function()
         local p = io.popen("date +%s%N")
         local v = tonumber(p:read("*l"))
         p:close()
         return v
      end
   end
end

local counter = 0
local threads = {}

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

local reqs = {}
local next_index = 1
local verify_pending = false
local nthreads = 1
local flagdir = nil
local finished = false
local started_ns = nil

-- Globals read by done() through thread:get().
pool = 0
sent = 0
received = 0
ok = 0
bad = 0
statuses = ""

local status_counts = {}

local function split_tab(line)
   local a, b = line:find("\t", 1, true)
   if not a then return nil end
   local c, d = line:find("\t", b + 1, true)
   if not c then return nil end
   return line:sub(1, a - 1), line:sub(b + 1, c - 1), line:sub(d + 1)
end

function init(args)
   local file = args[1]
   nthreads = tonumber(args[2])
   flagdir = args[3]
   assert(file and nthreads and flagdir, "usage: ... -- POOL.tsv THREADS FLAGDIR")
   local handle = assert(io.open(file, "r"))
   local k = 0
   for line in handle:lines() do
      if line ~= "" then
         if k % nthreads == id then
            local path, cookie, body = split_tab(line)
            assert(path, "bad pool line " .. (k + 1))
            reqs[#reqs + 1] = wrk.format("POST", path, {
               ["Cookie"] = "sw_sessie=" .. cookie,
               ["Content-Type"] = "application/x-www-form-urlencoded",
            }, body)
         end
         k = k + 1
      end
   end
   handle:close()
   pool = #reqs
   assert(pool > 0, "thread " .. id .. " has no submissions: use more learners or fewer threads")
   verify_pending = (id == 0)
end

function request()
   if verify_pending then
      verify_pending = false
      return reqs[1]
   end
   if next_index > #reqs then
      return ""
   end
   if not started_ns then started_ns = now_ns() end
   local r = reqs[next_index]
   next_index = next_index + 1
   sent = sent + 1
   return r
end

local function wrk_pid()
   local handle = io.open("/proc/self/stat", "r")
   if not handle then return nil end
   local pid = handle:read("*n")
   handle:close()
   return pid
end

local function finish()
   if finished then return end
   finished = true
   local ended_ns = now_ns()
   wrk.thread:stop()
   local tmp = flagdir .. "/.done-" .. id
   local flag = assert(io.open(tmp, "w"))
   flag:write(string.format("%.0f %.0f %d %d\n", started_ns or ended_ns, ended_ns, ok, bad))
   flag:close()
   assert(os.rename(tmp, flagdir .. "/done-" .. id))
   for i = 0, nthreads - 1 do
      local f = io.open(flagdir .. "/done-" .. i, "r")
      if not f then return end
      f:close()
   end
   -- Every thread is done: end wrk now (SIGINT interrupts its sleep; its threads are already stopped).
   -- io.popen, not os.execute: system() would ignore SIGINT in wrk while the command runs.
   local pid = wrk_pid()
   if pid then
      local p = io.popen("kill -INT " .. pid .. " 2>/dev/null")
      if p then p:close() end
   end
end

function response(status, headers, body)
   received = received + 1
   local location = headers["Location"] or headers["location"] or ""
   local key
   if status == 303 and location:sub(-10) == "/resultaat" then
      ok = ok + 1
      key = "303"
   else
      bad = bad + 1
      key = tostring(status)
      if status == 303 then key = "303-other" end
      if bad <= 3 then
         io.stderr:write(string.format("[quiz_submit.lua] thread %d: unexpected %d to %q: %s\n", id, status, location,
            (body or ""):sub(1, 300):gsub("%s+", " ")))
      end
   end
   status_counts[key] = (status_counts[key] or 0) + 1
   local parts = {}
   for code, n in pairs(status_counts) do parts[#parts + 1] = code .. "=" .. n end
   table.sort(parts)
   statuses = table.concat(parts, ",")
   if received >= #reqs then finish() end
end

function done(summary, latency, requests)
   local t = { pool = 0, sent = 0, received = 0, ok = 0, bad = 0 }
   local st = {}
   for _, thread in ipairs(threads) do
      for key, _ in pairs(t) do t[key] = t[key] + (tonumber(thread:get(key)) or 0) end
      local s = thread:get("statuses")
      if s and s ~= "" then st[#st + 1] = s end
   end
   io.write(string.format(
      "QUIZ pool=%d sent=%d received=%d ok=%d bad=%d duration_us=%d requests=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
      "err_connect=%d err_read=%d err_write=%d err_timeout=%d err_status=%d statuses=%s\n",
      t.pool, t.sent, t.received, t.ok, t.bad, summary.duration, summary.requests,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status,
      table.concat(st, ";")))
end
