-- wrk script: GET /v1/lessons?limit=50 (JSON read-back) with the admin token.
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("LOOPHUB_TOKEN")
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
