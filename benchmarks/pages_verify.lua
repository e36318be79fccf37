-- wrk script for benchmarks/pages.sh: the certificate verification page counts lookups per client (30 a minute),
-- so every request comes from another X-Forwarded-For address (198.18.0.0/15, a benchmarking range; the server
-- believes the header from 127.0.0.1 only because pages.sh starts it with --trusted-proxy 127.0.0.1).
local counter = 0
local thread_id = 0

setup = function(thread)
    thread_id = thread_id + 1
    thread:set("id", thread_id)
end

request = function()
    counter = counter + 1
    local n = (id or 0) * 1000003 + counter
    local address = string.format("198.%d.%d.%d", 18 + math.floor(n / 65536) % 2, math.floor(n / 256) % 256, n % 256)
    -- wrk.format takes the given table instead of wrk.headers (the -H headers): copy them in.
    local headers = { ["X-Forwarded-For"] = address }
    for name, value in pairs(wrk.headers) do headers[name] = value end
    return wrk.format(nil, nil, headers)
end
