-- wrk script: POST /v1/lessons with a unique lowercase UUID per request.
-- Token from the LOOPHUB_TOKEN environment variable.
local counter = 0
local thread_id = 0
local threads = {}
local run = os.time()

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

local template = [[{"schema":"loop.lesson/v1","id":"%s","createdAt":"2026-11-22T10:15:30.123Z",]]
  .. [["harness":{"name":"claude-code","version":"2.1.38"},]]
  .. [["artifact":{"kind":"skill","name":"prd-writer-%d","version":"sha256:0f3a","repo":null},]]
  .. [["signal":"hand-edit","category":"wrong-output","severity":"medium","confidence":0.9,]]
  .. [["summary":"PRDs from prd-writer must follow the Problem/Solution/Metrics template; the user rewrote the headings by hand.",]]
  .. [["excerpt":{"before":"# Overview\n\nThis document describes the feature.","after":"## Problem\n\n## Solution\n\n## Metrics","language":"markdown"},]]
  .. [["redactions":{"email":1,"path":2},"client":{"name":"loopd","version":"0.1.0"}}]]

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("LOOPHUB_TOKEN")
end

function request()
  counter = counter + 1
  local id = string.format("%08x-%04x-7000-8000-%012x", run % 0xffffffff, thread_id, counter)
  return wrk.format(nil, nil, nil, string.format(template, id, counter % 50))
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
