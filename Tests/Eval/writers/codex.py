"""Codex rollouts (shapes as in fixtures/transcripts/codex and harness-formats.md §2)."""
import difflib, hashlib, json, os

CWD = "/home/dev/work/app"
SESSION_PREFIX = "0199eeee-0000-7000-8000-"


def write(scenario, out):
    name = scenario["name"]
    number = int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10**12
    session = f"{SESSION_PREFIX}{number:012d}"
    lines, refs, edits = [], {}, []
    files, last_edit_ref = {}, {}
    calls = [0]

    def emit(kind, payload):
        stamp = f"2026-11-20T10:{len(lines) // 60:02d}:{len(lines) % 60:02d}.000Z"
        lines.append(json.dumps({"timestamp": stamp, "type": kind, "payload": payload}, ensure_ascii=False))
        return len(lines)

    def event(event_type, **fields):
        return emit("event_msg", {"type": event_type, **fields})

    def user(text):
        return emit("event_msg", {"type": "user_message", "message": text, "images": [], "kind": "plain"})

    def call_id():
        calls[0] += 1
        return f"call_{name[:12]}_{calls[0]}"

    def patch(body_lines, change):
        cid = call_id()
        path = change[0]
        emit("response_item", {"type": "custom_tool_call", "name": "apply_patch", "call_id": cid, "status": "completed",
                               "input": "*** Begin Patch\n" + "\n".join(body_lines) + "\n*** End Patch\n"})
        return cid

    emit("session_meta", {"id": session, "timestamp": "2026-11-20T10:00:00.000Z", "cwd": CWD, "originator": "codex_cli_rs",
                          "cli_version": "0.104.0", "source": "cli", "git": {"branch": "main", "commit_hash": "abc123"}})
    emit("turn_context", {"cwd": CWD, "approval_policy": "on-request", "model": "gpt-5-codex"})

    for index, step in enumerate(scenario["steps"]):
        kind = step[0]
        if kind == "skill":
            cid = call_id()
            emit("response_item", {"type": "function_call", "name": "exec_command", "call_id": cid,
                                   "arguments": json.dumps({"cmd": f"cat /home/dev/.codex/skills/{step[1]}/SKILL.md", "workdir": CWD})})
            refs[index] = emit("response_item", {"type": "function_call_output", "call_id": cid,
                                                 "output": f"---\nname: {step[1]}\n---\nDo the thing."})
        elif kind == "command":
            refs[index] = user(f"/prompts:{step[1]} {step[2]}".strip())
        elif kind == "user":
            refs[index] = user(step[1])
        elif kind == "agent":
            refs[index] = event("agent_message", message=step[1])
        elif kind in ("write", "edit"):
            path = step[1]
            full = f"{CWD}/{path}"
            if kind == "write":
                content = step[2]
                body = [f"*** Add File: {path}"] + ["+" + l for l in content.rstrip("\n").split("\n")]
                change = {"type": "add", "content": content}
            else:
                old, new = step[2], step[3]
                before = files.get(path, old)
                content = before.replace(old, new, 1)
                body = [f"*** Update File: {path}", "@@"] + ["-" + l for l in old.rstrip("\n").split("\n")] + ["+" + l for l in new.rstrip("\n").split("\n")]
                diff = difflib.unified_diff(before.splitlines(), content.splitlines(), lineterm="", n=3)
                change = {"type": "update", "unified_diff": "\n".join(list(diff)[2:]) + "\n"}
            cid = patch(body, (path,))
            # The patch lands on disk before its output reaches the rollout.
            edits.append({"afterLine": len(lines), "file": full, "content": content, "agent": True})
            # Codex records the patch event while applying it, before the call's output.
            refs[index] = event("patch_apply_end", call_id=cid, stdout="Success.", stderr="", success=True,
                                changes={full: change}, status="completed")
            emit("response_item", {"type": "custom_tool_call_output", "call_id": cid,
                                   "output": json.dumps({"output": f"Success. Updated the following files:\nM {path}\n", "metadata": {"exit_code": 0}})})
            files[path] = content
            last_edit_ref[path] = refs[index]
        elif kind == "reject":
            cid = patch(["*** Update File: src/search.tsx", "@@", "-<Bar/>", "+<Bar><Button/></Bar>"], ("src/search.tsx",))
            refs[index] = emit("response_item", {"type": "custom_tool_call_output", "call_id": cid, "output": "patch rejected by user"})
            if step[1]:
                # Codex has no field for the reason: the user types it next.
                refs[index] = user(step[1])
        elif kind == "interrupt":
            refs[index] = event("turn_aborted", reason="interrupted")
        elif kind == "rollback":
            refs[index] = event("thread_rolled_back", num_turns=step[1])
        elif kind == "disk":
            edits.append({"afterLine": len(lines), "file": f"{CWD}/{step[1]}", "content": step[2]})
            refs[index] = last_edit_ref.get(step[1], len(lines))
            files[step[1]] = step[2]
        elif kind == "diskdelete":
            edits.append({"afterLine": len(lines), "file": f"{CWD}/{step[1]}", "delete": True})
            refs[index] = last_edit_ref.get(step[1], len(lines))
        elif kind == "exists":
            files[step[1]] = step[2]
            edits.append({"afterLine": len(lines), "file": f"{CWD}/{step[1]}", "content": step[2], "agent": True})
            refs[index] = len(lines)
        else:
            raise ValueError(f"Codex has no record for {kind}")
    # One folder per scenario keeps Codex's own file naming and readable reports.
    os.makedirs(os.path.join(out, name), exist_ok=True)
    file_name = f"{name}/rollout-2026-11-20T10-00-00-{session}.jsonl"
    with open(os.path.join(out, file_name), "w") as f:
        f.write("\n".join(lines) + "\n")
    return file_name, refs, edits
