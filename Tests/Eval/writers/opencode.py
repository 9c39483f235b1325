"""`opencode export` documents (shapes as in fixtures/transcripts/opencode):
{info: session, messages: [{info: message, parts: [part]}]}. Records are
messages: labels and disk edits name message ids."""
import difflib, json, os

CWD = "/home/dev/work/app"


def write(scenario, out):
    name = scenario["name"]
    session = "ses_eval_" + name.replace("-", "_")
    messages, refs, edits = [], {}, []
    files, last_edit_ref = {}, {}
    clock = [1_763_600_000_000]
    state = {"agent": "build", "assistant": None}

    def tick():
        clock[0] += 1000
        return clock[0]

    def message(role, **extra):
        mid = f"msg_{name[:10]}_{len(messages) + 1:03d}"
        info = {"id": mid, "sessionID": session, "role": role, "time": {"created": tick(), "completed": clock[0] + 1}}
        if role == "assistant":
            info["agent"] = state["agent"]
            info["mode"] = state["agent"]
        info.update(extra)
        messages.append({"info": info, "parts": []})
        state["assistant"] = messages[-1] if role == "assistant" else None
        return messages[-1]

    def assistant():
        return state["assistant"] or message("assistant")

    def part(msg, body):
        pid = f"prt_{msg['info']['id'][4:]}_{len(msg['parts']) + 1}"
        msg["parts"].append({"id": pid, "sessionID": session, "messageID": msg["info"]["id"], **body})

    def tool(msg, tool_name, status, input_, **state_extra):
        t = clock[0]
        part(msg, {"type": "tool", "tool": tool_name, "callID": f"call_{len(msg['parts'])}_{msg['info']['id'][-3:]}",
                   "state": {"status": status, "input": input_, "time": {"start": t, "end": t + 1}, **state_extra}})

    def user(text):
        msg = message("user")
        part(msg, {"type": "text", "text": text})
        return msg["info"]["id"]

    for index, step in enumerate(scenario["steps"]):
        kind = step[0]
        if kind == "skill":
            msg = assistant()
            tool(msg, "skill", "completed", {"name": step[1]}, output=f"Loaded skill {step[1]}")
            refs[index] = msg["info"]["id"]
        elif kind == "command":
            # OpenCode stores a plain /command as its expanded text; a team's own
            # agent is what the corpus uses for a shipped artifact here.
            state["agent"] = step[1]
            refs[index] = user(f"{step[2]}".strip() or "go")
        elif kind == "user":
            refs[index] = user(step[1])
        elif kind == "agent":
            msg = assistant()
            part(msg, {"type": "text", "text": step[1], "time": {"start": clock[0], "end": clock[0] + 1}})
            refs[index] = msg["info"]["id"]
        elif kind in ("write", "edit"):
            path = f"{CWD}/{step[1]}"
            msg = assistant()
            if kind == "write":
                content = step[2]
                tool(msg, "write", "completed", {"filePath": path, "content": content},
                     metadata={"filepath": path, "exists": step[1] in files}, output="")
            else:
                before = files.get(step[1], step[2])
                content = before.replace(step[2], step[3], 1)
                diff = "\n".join(difflib.unified_diff(before.splitlines(), content.splitlines(), path, path, lineterm="")) + "\n"
                tool(msg, "edit", "completed", {"filePath": path, "oldString": step[2], "newString": step[3]},
                     metadata={"diff": diff, "filediff": {"file": path, "before": before, "after": content}}, output="")
            files[step[1]] = content
            refs[index] = msg["info"]["id"]
            last_edit_ref[step[1]] = refs[index]
        elif kind == "reject":
            msg = assistant()
            error = "The user rejected permission to use this specific tool call."
            if step[1]:
                error = "The user rejected permission to use this specific tool call with the following feedback: " + step[1]
            tool(msg, "edit", "error", {"filePath": f"{CWD}/src/search.tsx", "oldString": "<Bar/>", "newString": "<Bar><Button/></Bar>"},
                 error=error)
            refs[index] = msg["info"]["id"]
        elif kind == "interrupt":
            msg = assistant()
            msg["info"]["error"] = {"name": "MessageAbortedError", "data": {"message": "Aborted"}}
            refs[index] = msg["info"]["id"]
        elif kind == "rollback":
            # /undo: the session's revert points at the user message it undoes from.
            user_ids = [m["info"]["id"] for m in messages if m["info"]["role"] == "user"]
            target = user_ids[-step[1]] if len(user_ids) >= step[1] else user_ids[0]
            revert = {"messageID": target}
            refs[index] = "__revert__"
            state["revert"] = revert
        elif kind in ("disk", "diskdelete"):
            entry = {"afterRecord": messages[-1]["info"]["id"], "file": f"{CWD}/{step[1]}"}
            if kind == "disk":
                entry["content"] = step[2]
            else:
                entry["delete"] = True
            edits.append(entry)
            refs[index] = last_edit_ref.get(step[1], messages[-1]["info"]["id"])
        elif kind == "exists":
            files[step[1]] = step[2]
            refs[index] = messages[-1]["info"]["id"] if messages else "none"
        else:
            raise ValueError(f"OpenCode has no record for {kind}")
    info = {"id": session, "directory": CWD, "version": "1.2.5", "title": name, "projectID": "global",
            "time": {"created": 1_763_600_000_000, "updated": clock[0]}}
    if "revert" in state:
        info["revert"] = state["revert"]
        # A revert is reported with the message it points at.
        refs = {k: (state["revert"]["messageID"] if v == "__revert__" else v) for k, v in refs.items()}
    file_name = f"{name}.json"
    with open(os.path.join(out, file_name), "w") as f:
        json.dump({"info": info, "messages": messages}, f, indent=1)
    return file_name, refs, edits
