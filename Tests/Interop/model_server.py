#!/usr/bin/env python3
"""A scripted model server for the real-harness tests (docs/testing.md).

Speaks just enough of two wire APIs for the real CLIs to run real turns offline:

- Anthropic Messages (Claude Code): POST /v1/messages (streaming SSE or JSON),
  POST /v1/messages/count_tokens, GET /v1/models.
- OpenAI Responses (Codex): POST /v1/responses (SSE), GET /v1/models.

It plays a script: a JSON file {"turns": [turn, ...]}. Each conversational
request takes the first unplayed turn, in order, whose "when"/"unless" fit it
(a subagent's requests can be told from its parent's by its system prompt),
whichever API asks. A turn:

    {
      "text": "what the model says",                    # optional
      "tool_calls": [{"name": "Write", "input": {...}}], # optional, in order
      "expect": ["substring", ...],          # must occur in the request's newest message(s)
      "expect_tool_result": ["substring", ...],  # must occur in a tool result of them
      "when": "substring", "unless": "substring",  # optional: which requests it answers
                                             # (matched against system prompt + all messages)
      "api": "anthropic" | "openai",         # optional: the API that must ask for it
      "capture": {"NAME": "a.0.b"},          # optional: values to take from this request's tool results
      "note": "free text for people"
    }

Templating from tool results: "capture" parses each tool result in the
request's newest part as JSON and keeps the value at the dotted path (keys,
list indexes) under NAME, for this turn and every later one (the server's
memory, so a resumed session sees it too). "{{NAME}}" in a turn's "text" or in
any string of its tool calls' inputs is replaced by the value when the turn is
played. A path found in no tool result, or an unknown NAME, is a failure. So a
turn can show what a tool returned the way a model would, e.g. the consent
gate quoting the payload `lessons_pending` returned.

For Codex, a tool call's "input" is the function's arguments (an object), or a
string for a freeform (custom) tool such as apply_patch; "type": "custom" or
"function" forces the item type, else it is chosen from the tools the request
offers.

Requests that are not the conversation are answered without taking a turn:
Anthropic requests that offer no tools (titles, topic checks, quota probes)
get a short text; count_tokens gets a count. Every request is appended to
<state-dir>/requests.jsonl; <state-dir>/state.json always holds
{"played": N, "total": M, "failures": [...]} (written atomically), and a test
checks it: a failed expectation or a request after the last turn is a failure
(the request is still answered, with a plain text, so the CLI ends normally).

    model_server.py --script S.json --state-dir DIR [--port 0]
    prints "listening <port>" on stdout and writes DIR/port when ready.
Stdlib only. Binds 127.0.0.1 only.
"""

import argparse
import json
import os
import re
import signal
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def strings_in(value):
    """Every string inside a JSON value, so expectations ignore JSON escaping."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


class Script:
    def __init__(self, path, state_dir):
        with open(path, encoding="utf-8") as handle:
            self.turns = json.load(handle)["turns"]
        self.state_dir = state_dir
        self.played = 0
        self.done = [False] * len(self.turns)
        self.failures = []
        self.vars = {}
        self.lock = threading.Lock()
        self.requests = open(os.path.join(state_dir, "requests.jsonl"), "a", encoding="utf-8")
        self.save()

    def log(self, record):
        self.requests.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.requests.flush()

    def save(self):
        path = os.path.join(self.state_dir, "state.json")
        with open(path + ".tmp", "w", encoding="utf-8") as handle:
            json.dump({"played": self.played, "total": len(self.turns), "failures": self.failures}, handle)
        os.replace(path + ".tmp", path)

    def next_turn(self, api, everything, newest, tool_results):
        """The first unplayed turn whose "when"/"unless" fit the request, its
        expectations checked against the request's newest part."""
        with self.lock:
            whole = "\n".join(everything)
            chosen = None
            for index, turn in enumerate(self.turns):
                if self.done[index]:
                    continue
                if "when" in turn and turn["when"] not in whole:
                    continue
                if "unless" in turn and turn["unless"] in whole:
                    continue
                chosen = index
                break
            if chosen is None:
                self.failures.append(f"{api}: no turn left for this request (newest: {' | '.join(newest)[:300]})")
                self.save()
                return {"text": "The script has no more turns."}
            self.done[chosen] = True
            self.played += 1
            turn = self.turns[chosen]
            number = chosen + 1
            if turn.get("api") not in (None, api):
                self.failures.append(f"turn {number}: expected the {turn['api']} API, got {api}")
            text = "\n".join(newest)
            for needle in turn.get("expect", []):
                if needle not in text:
                    self.failures.append(f"turn {number}: {needle!r} not in the request's newest message: {text[:600]!r}")
            results = "\n".join(tool_results)
            for needle in turn.get("expect_tool_result", []):
                if needle not in results:
                    self.failures.append(f"turn {number}: {needle!r} not in a tool result: {results[:600]!r}")
            turn = self.template(turn, number, tool_results)
            self.save()
            return turn

    def template(self, turn, number, tool_results):
        """Captures values from the tool results, then fills {{NAME}} in the turn."""
        for name, path in (turn.get("capture") or {}).items():
            found = None
            for result in tool_results:
                try:
                    value = json.loads(result)
                except ValueError:
                    continue
                found = dig(value, path)
                if found is not None:
                    break
            if found is None:
                self.failures.append(f"turn {number}: capture {name!r}: {path!r} is in no tool result")
            else:
                self.vars[name] = found if isinstance(found, str) else json.dumps(found)

        def fill(value):
            if isinstance(value, str):
                for name in re.findall(r"\{\{(\w+)\}\}", value):
                    if name not in self.vars:
                        self.failures.append(f"turn {number}: {{{{{name}}}}} was never captured")
                        continue
                    value = value.replace("{{" + name + "}}", self.vars[name])
                return value
            if isinstance(value, dict):
                return {key: fill(item) for key, item in value.items()}
            if isinstance(value, list):
                return [fill(item) for item in value]
            return value

        filled = dict(turn)
        if "text" in filled:
            filled["text"] = fill(filled["text"])
        if "tool_calls" in filled:
            filled["tool_calls"] = [dict(call, input=fill(call.get("input", {}))) for call in filled["tool_calls"]]
        return filled


def dig(value, path):
    """The value at a dotted path of keys and list indexes, or None."""
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


class Handler(BaseHTTPRequestHandler):
    server_version = "loop-model-server/1"
    script: Script = None

    def log_message(self, format, *args):  # quiet: requests.jsonl has them
        pass

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw or b"{}")
        except ValueError:
            return {"_raw": raw.decode("utf-8", "replace")}

    def send_json(self, status, value):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def start_sse(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def event(self, name, data):
        self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()

    def do_GET(self):
        path = self.path.split("?")[0]
        self.script.log({"method": "GET", "path": self.path})
        if path.endswith("/models"):
            self.send_json(200, {"data": [{"id": "scripted", "type": "model", "display_name": "scripted", "created_at": "2026-01-01T00:00:00Z"}],
                                 "models": [], "has_more": False, "object": "list"})
        else:
            self.send_json(404, {"error": {"type": "not_found_error", "message": path}})

    def do_HEAD(self):
        self.send_response(200)
        self.end_headers()

    def do_POST(self):
        path = self.path.split("?")[0]
        body = self.body()
        self.script.log({"method": "POST", "path": self.path, "headers": {k: v for k, v in self.headers.items() if k.lower() not in ("authorization", "x-api-key")}, "body": body})
        if path.endswith("/messages/count_tokens"):
            self.send_json(200, {"input_tokens": max(1, len(json.dumps(body)) // 4)})
        elif path.endswith("/messages"):
            self.anthropic(body)
        elif path.endswith("/responses"):
            self.openai_responses(body)
        else:
            self.send_json(404, {"error": {"type": "not_found_error", "message": path}})

    # Anthropic Messages -------------------------------------------------

    def anthropic(self, body):
        messages = body.get("messages") or []
        # The newest part: every message after the model's last one (the user's
        # prompt or tool results, and the system-role context Claude Code adds).
        start = 0
        for index, message in enumerate(messages):
            if message.get("role") == "assistant":
                start = index + 1
        newest = messages[start:]
        if not body.get("tools"):
            # Not the conversation: a title, a topic check, a quota probe.
            turn = {"text": "Scripted session"}
        else:
            results = [s for message in newest for block in (message.get("content") if isinstance(message.get("content"), list) else [])
                       if isinstance(block, dict) and block.get("type") == "tool_result" for s in strings_in(block.get("content"))]
            turn = self.script.next_turn("anthropic", list(strings_in([body.get("system"), messages])), list(strings_in(newest)), results)
        blocks = []
        if turn.get("text"):
            blocks.append({"type": "text", "text": turn["text"]})
        for call in turn.get("tool_calls", []):
            blocks.append({"type": "tool_use", "id": call.get("id") or "toolu_" + uuid.uuid4().hex[:24],
                           "name": call["name"], "input": call.get("input", {})})
        if not blocks:
            blocks.append({"type": "text", "text": "Done."})
        stop = "tool_use" if any(b["type"] == "tool_use" for b in blocks) else "end_turn"
        message_id = "msg_" + uuid.uuid4().hex[:24]
        model = body.get("model", "claude-scripted")
        usage = {"input_tokens": 12, "output_tokens": 8, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
        if not body.get("stream"):
            self.send_json(200, {"id": message_id, "type": "message", "role": "assistant", "model": model, "content": blocks,
                                 "stop_reason": stop, "stop_sequence": None, "usage": usage})
            return
        self.start_sse()
        self.event("message_start", {"type": "message_start", "message": {
            "id": message_id, "type": "message", "role": "assistant", "model": model, "content": [],
            "stop_reason": None, "stop_sequence": None, "usage": dict(usage, output_tokens=1)}})
        for index, block in enumerate(blocks):
            if block["type"] == "text":
                self.event("content_block_start", {"type": "content_block_start", "index": index, "content_block": {"type": "text", "text": ""}})
                self.event("content_block_delta", {"type": "content_block_delta", "index": index, "delta": {"type": "text_delta", "text": block["text"]}})
            else:
                self.event("content_block_start", {"type": "content_block_start", "index": index,
                                                   "content_block": {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}})
                self.event("content_block_delta", {"type": "content_block_delta", "index": index,
                                                   "delta": {"type": "input_json_delta", "partial_json": json.dumps(block["input"])}})
            self.event("content_block_stop", {"type": "content_block_stop", "index": index})
        self.event("message_delta", {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None}, "usage": {"output_tokens": 8}})
        self.event("message_stop", {"type": "message_stop"})

    # OpenAI Responses ---------------------------------------------------

    def openai_responses(self, body):
        items = body.get("input") or []
        # The newest part: everything after the last item the model produced.
        start = 0
        for index, item in enumerate(items):
            if item.get("role") == "assistant" or item.get("type") in ("function_call", "custom_tool_call", "local_shell_call", "reasoning"):
                start = index + 1
        newest = items[start:] if start < len(items) else items[-1:]
        results = [s for item in newest if item.get("type") in ("function_call_output", "custom_tool_call_output") for s in strings_in(item.get("output"))]
        turn = self.script.next_turn("openai", list(strings_in([body.get("instructions"), items])), list(strings_in(newest)), results)
        offered = {}
        for tool in body.get("tools") or []:
            name = tool.get("name") or (tool.get("function") or {}).get("name")
            if name:
                offered[name] = tool.get("type")
        output = []
        if turn.get("text"):
            output.append({"type": "message", "role": "assistant", "id": "msg_" + uuid.uuid4().hex[:16], "status": "completed",
                           "content": [{"type": "output_text", "text": turn["text"], "annotations": []}]})
        for call in turn.get("tool_calls", []):
            call_id = call.get("id") or "call_" + uuid.uuid4().hex[:16]
            kind = call.get("type") or ("custom" if offered.get(call["name"]) == "custom" else "function")
            if kind == "custom":
                value = call["input"] if isinstance(call["input"], str) else json.dumps(call["input"])
                output.append({"type": "custom_tool_call", "id": "ctc_" + uuid.uuid4().hex[:16], "status": "completed",
                               "call_id": call_id, "name": call["name"], "input": value})
            else:
                value = call.get("input", {})
                if call["name"] == "apply_patch" and isinstance(value, str):
                    value = {"input": value}
                output.append({"type": "function_call", "id": "fc_" + uuid.uuid4().hex[:16], "status": "completed",
                               "call_id": call_id, "name": call["name"], "arguments": json.dumps(value)})
        response_id = "resp_" + uuid.uuid4().hex[:16]
        self.start_sse()
        self.event("response.created", {"type": "response.created", "response": {"id": response_id, "status": "in_progress"}})
        for index, item in enumerate(output):
            self.event("response.output_item.added", {"type": "response.output_item.added", "output_index": index, "item": item})
            if item["type"] == "message":
                self.event("response.output_text.delta", {"type": "response.output_text.delta", "output_index": index,
                                                          "item_id": item["id"], "content_index": 0, "delta": item["content"][0]["text"]})
            self.event("response.output_item.done", {"type": "response.output_item.done", "output_index": index, "item": item})
        self.event("response.completed", {"type": "response.completed", "response": {
            "id": response_id, "status": "completed", "output": output,
            "usage": {"input_tokens": 12, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": 8,
                      "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 20}}})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--script", required=True)
    parser.add_argument("--state-dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--lifetime", type=float, default=600, help="exit after this many seconds (a test that dies leaves no server behind)")
    args = parser.parse_args()
    # A parent may hand down SIGTERM blocked (the swift test runner does): unblock it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.makedirs(args.state_dir, exist_ok=True)
    Handler.script = Script(args.script, args.state_dir)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    with open(os.path.join(args.state_dir, "port.tmp"), "w") as handle:
        handle.write(str(port))
    os.replace(os.path.join(args.state_dir, "port.tmp"), os.path.join(args.state_dir, "port"))
    print(f"listening {port}", flush=True)
    threading.Thread(target=lambda: (time.sleep(args.lifetime), os._exit(0)), daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
