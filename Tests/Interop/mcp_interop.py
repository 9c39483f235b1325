"""Interoperability: the official MCP Python SDK drives `loopctl mcp` over stdio.

Starts a real loopd in a temporary HOME, launches `loopctl mcp` through the
SDK's stdio client, initializes, lists the tools, calls each one, and checks
the results against the outbox through `loopctl list --json` / `show --json`.
Exits non-zero on the first failure. Usage: mcp_interop.py BIN_DIR
"""
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
try:  # mcp 1.x
    from mcp.shared.exceptions import McpError
except ImportError:  # mcp 2.x renamed it
    from mcp.shared.exceptions import MCPError as McpError

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/debug"
LOOPD, LOOPCTL = os.path.join(BIN, "loopd"), os.path.join(BIN, "loopctl")
SESSION = str(uuid.uuid4())


def field(obj, camel):
    """mcp 1.x spells fields in camelCase, 2.x in snake_case."""
    if hasattr(obj, camel):
        return getattr(obj, camel)
    return getattr(obj, re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), camel))


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print(f"ok  {message}")


def gate_line(lesson_id, payload):
    """The consent gate as the loop-feedback skill shows it, in an assistant message."""
    text = f"LOOP-CONSENT-GATE lesson {lesson_id}\n```json\n{payload}\n```\n[S]end [E]dit [D]ecline"
    return json.dumps({
        "type": "assistant", "sessionId": SESSION, "cwd": "/repo", "version": "2.1.39",
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()), "uuid": str(uuid.uuid4()),
        "message": {"id": "msg_" + uuid.uuid4().hex, "role": "assistant", "model": "claude-opus-4-6",
                    "content": [{"type": "text", "text": text}], "stop_reason": "end_turn"},
    })


def user_line(text):
    return json.dumps({
        "type": "user", "sessionId": SESSION, "cwd": "/repo", "version": "2.1.39",
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()), "uuid": str(uuid.uuid4()),
        "message": {"role": "user", "content": text},
    })


def loopctl(env, *args):
    out = subprocess.run([LOOPCTL, *args], env=env, capture_output=True, text=True, timeout=30)
    if out.returncode != 0:
        raise AssertionError(f"loopctl {' '.join(args)} failed: {out.stderr}")
    return json.loads(out.stdout)


async def call(session, tool, arguments):
    result = await session.call_tool(tool, arguments)
    check(not field(result, "isError"), f"{tool} answered")
    return field(result, "structuredContent") or json.loads(result.content[0].text)


async def refused(session, tool, arguments, words):
    try:
        await session.call_tool(tool, arguments)
    except McpError as error:
        check(words in str(error), f"{tool} refused with a JSON-RPC error mentioning {words!r}")
        return
    raise AssertionError(f"{tool} should have been refused")


async def scenario(env, transcript):
    params = StdioServerParameters(command=LOOPCTL, args=["mcp"], env=env)
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            check(field(init, "protocolVersion") in ("2025-06-18", "2025-11-25"), f"protocol {field(init, 'protocolVersion')}")
            check(field(init, "serverInfo").name == "loop", "server is loop")

            tools = {tool.name: tool for tool in (await session.list_tools()).tools}
            check(set(tools) == {"lessons_pending", "lesson_get", "lesson_refine", "lesson_consent", "lesson_dismiss",
                                 "feedback_submit", "lessons_relevant", "status"}, "eight tools listed")
            for name in ("lessons_pending", "lesson_get", "lessons_relevant", "status"):
                check(field(tools[name].annotations, "readOnlyHint") is True, f"{name} is read-only")
            check(field(tools["lesson_consent"].annotations, "destructiveHint") is True, "lesson_consent is destructive")
            check(field(tools["feedback_submit"], "inputSchema")["required"] == ["text", "artifact_kind", "artifact_name"],
                  "feedback_submit schema requires text and artifact")

            status = await call(session, "status", {})
            check(status["lessons"]["pending"] == 0, "status: empty outbox")

            submitted = await call(session, "feedback_submit", {
                "text": "the PRD has no Metrics section", "artifact_kind": "skill",
                "artifact_name": "prd-writer", "session_id": SESSION})
            lesson_id = submitted["lesson"]["id"]
            check(submitted["result"] == "created", "feedback_submit created a lesson")
            listed = loopctl(env, "list", "--json")
            check([(l["id"], l["state"], l["signal"]) for l in listed] == [(lesson_id, "pending", "explicit")],
                  "the outbox holds it, pending, explicit")

            pending = await call(session, "lessons_pending", {"session_id": SESSION})
            check([l["id"] for l in pending["lessons"]] == [lesson_id], "lessons_pending finds it by session")
            check('"schema" : "loop.lesson/v1"' in pending["lessons"][0]["payload"], "with its exact payload")

            got = await call(session, "lesson_get", {"id": lesson_id[:13]})
            check(got["lesson"]["id"] == lesson_id and got["evidence"], "lesson_get by id prefix, with evidence")

            await call(session, "lesson_refine", {"id": lesson_id, "summary": "End every PRD with a Metrics section."})
            shown = loopctl(env, "show", lesson_id, "--json")
            check("End every PRD with a Metrics section." in json.dumps(shown), "refined summary is in the outbox")

            await refused(session, "lesson_consent", {"id": lesson_id, "decision": "send"}, "no consent gate")
            refined = (await call(session, "lessons_pending", {"session_id": SESSION}))["lessons"][0]["payload"]
            with open(transcript, "a") as f:
                f.write(gate_line(lesson_id, refined) + "\n")
                f.write(user_line("S") + "\n")
            consent = await call(session, "lesson_consent", {"id": lesson_id, "decision": "send"})
            check(consent["lesson"]["state"] == "approved", "lesson_consent approved after the user typed S")
            check(loopctl(env, "list", "--json")[0]["state"] == "approved", "the outbox says approved")

            relevant = await call(session, "lessons_relevant", {"artifact": "prd-writer"})
            check([l["id"] for l in relevant["lessons"]] == [lesson_id], "lessons_relevant returns the learned lesson")

            await refused(session, "lesson_get", {"id": "ffffffff"}, "no lesson")
            await refused(session, "lessons_pending", {"limit": 0}, "limit")
            status = await call(session, "status", {})
            check(status["lessons"]["approved"] == 1 and status["daemon"]["pid"] > 0, "status after errors: connection alive")


def main():
    home = tempfile.mkdtemp(prefix="loop-interop-")
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=f"{home}/.config", XDG_STATE_HOME=f"{home}/.local/state",
               XDG_RUNTIME_DIR=f"{home}/run")
    env.pop("CLAUDE_CONFIG_DIR", None)
    os.makedirs(f"{home}/run", mode=0o700)
    project = f"{home}/.claude/projects/-repo"
    os.makedirs(project)
    transcript = f"{project}/{SESSION}.jsonl"
    with open(transcript, "w") as f:
        f.write(user_line("write a PRD for the todo app") + "\n")
    daemon = subprocess.Popen([LOOPD], env=env, stderr=open(f"{home}/loopd.err", "w"))
    try:
        socket = f"{home}/run/loop/loopd.sock"
        for _ in range(200):
            if os.path.exists(socket):
                break
            time.sleep(0.05)
        check(os.path.exists(socket), "loopd listens on its socket")
        asyncio.run(scenario(env, transcript))
    finally:
        daemon.terminate()
        daemon.wait(timeout=15)
    check(daemon.returncode == 0, "loopd stopped cleanly")
    print("mcp interop: all checks passed")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # any failure: report it and exit non-zero
        print(f"FAIL {error!r}", file=sys.stderr)
        sys.exit(1)
