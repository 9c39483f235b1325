"""Claude Code 2.1 transcript lines (shapes as in fixtures/transcripts/claude-code)."""
import json, os

CWD = "/home/dev/work/app"
VERSION = "2.1.38"


def write(scenario, out):
    name = scenario["name"]
    session = "eval-" + name
    lines, refs, edits = [], {}, []
    files = {}          # path -> content the agent left
    last_edit_ref = {}  # path -> line of the agent's last edit result
    counter = [0]

    def uid():
        counter[0] += 1
        return f"{session}-{counter[0]:04d}"

    def ts():
        return f"2026-11-20T10:{len(lines) // 60:02d}:{len(lines) % 60:02d}.000Z"

    def envelope(kind, **extra):
        record = {"type": kind, "uuid": uid(), "parentUuid": None, "sessionId": session, "cwd": CWD,
                  "version": VERSION, "gitBranch": "main", "isSidechain": False, "userType": "external",
                  "timestamp": ts()}
        record.update(extra)
        return record

    def emit(record):
        lines.append(json.dumps(record, ensure_ascii=False))
        return len(lines)

    def assistant(content):
        message_id = "msg_" + uid().replace("-", "")
        return emit(envelope("assistant", message={"id": message_id, "type": "message", "role": "assistant",
                                                   "model": "claude-opus-4-6", "content": content,
                                                   "stop_reason": "tool_use" if content[0]["type"] == "tool_use" else "end_turn"}))

    def user_text(text, **extra):
        return emit(envelope("user", message={"role": "user", "content": text}, **extra))

    def tool_result(tool_id, text, result, is_error=False):
        return emit(envelope("user", message={"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": tool_id, "content": text, "is_error": is_error}]},
            toolUseResult=result))

    for index, step in enumerate(scenario["steps"]):
        kind = step[0]
        if kind == "skill":
            tool_id = "toolu_" + uid().replace("-", "")
            assistant([{"type": "tool_use", "id": tool_id, "name": "Skill", "input": {"skill": step[1]}}])
            refs[index] = tool_result(tool_id, f"Launching skill: {step[1]}",
                                      {"success": True, "commandName": step[1]})
            user_text(f"Base directory for this skill: /home/dev/.claude/skills/{step[1]}\n\n# {step[1]}\nDo the thing.",
                      isMeta=True, sourceToolUseID=tool_id)
        elif kind in ("command", "feedback"):
            name = step[1] if kind == "command" else "harness-feedback"
            args = step[2] if kind == "command" else step[1]
            refs[index] = user_text(f"<command-message>{name} is running\u2026</command-message>\n"
                                    f"<command-name>/{name}</command-name>\n<command-args>{args}</command-args>")
            user_text(f"# {name}\nFollow the team's template. {args}", isMeta=True)
        elif kind == "user":
            refs[index] = user_text(step[1])
        elif kind == "agent":
            refs[index] = assistant([{"type": "text", "text": step[1]}])
        elif kind == "write":
            path, content = step[1], step[2]
            tool_id = "toolu_" + uid().replace("-", "")
            full = f"{CWD}/{path}"
            assistant([{"type": "tool_use", "id": tool_id, "name": "Write", "input": {"file_path": full, "content": content}}])
            original = files.get(path)
            refs[index] = tool_result(tool_id, f"File created successfully at: {full}",
                                      {"type": "update" if original is not None else "create", "filePath": full,
                                       "content": content, "structuredPatch": [], "originalFile": original})
            files[path] = content
            last_edit_ref[path] = refs[index]
        elif kind == "edit":
            path, old, new = step[1], step[2], step[3]
            tool_id = "toolu_" + uid().replace("-", "")
            full = f"{CWD}/{path}"
            original = files.get(path, old)
            assistant([{"type": "tool_use", "id": tool_id, "name": "Edit",
                        "input": {"file_path": full, "old_string": old, "new_string": new}}])
            refs[index] = tool_result(tool_id, f"The file {full} has been updated.",
                                      {"filePath": full, "oldString": old, "newString": new, "originalFile": original,
                                       "structuredPatch": [], "userModified": False, "replaceAll": False})
            files[path] = original.replace(old, new, 1)
            last_edit_ref[path] = refs[index]
        elif kind == "reject":
            tool_id = "toolu_" + uid().replace("-", "")
            assistant([{"type": "tool_use", "id": tool_id, "name": "Edit",
                        "input": {"file_path": f"{CWD}/src/search.tsx", "old_string": "<Bar/>", "new_string": "<Bar><Button/></Bar>"}}])
            text = ("The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, "
                    "the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.")
            if step[1]:
                text += "\n\nTo tell you how to proceed, the user said:\n" + step[1]
            refs[index] = tool_result(tool_id, text, "User rejected tool use", is_error=True)
        elif kind == "interrupt":
            refs[index] = emit(envelope("user", message={"role": "user", "content": [
                {"type": "text", "text": "[Request interrupted by user]"}]}))
        elif kind == "disk":
            edits.append({"afterLine": len(lines), "file": f"{CWD}/{step[1]}", "content": step[2]})
            refs[index] = last_edit_ref.get(step[1], len(lines))
        elif kind == "diskdelete":
            edits.append({"afterLine": len(lines), "file": f"{CWD}/{step[1]}", "delete": True})
            refs[index] = last_edit_ref.get(step[1], len(lines))
        elif kind == "useredit":
            refs[index] = emit(envelope("attachment", attachment={"type": "edited_text_file", "filename": f"{CWD}/{step[1]}",
                                                                  "snippet": step[2]}))
        elif kind == "exists":
            files[step[1]] = step[2]
            refs[index] = len(lines)
        elif kind == "rollback":
            raise ValueError("Claude Code has no rollback record")
    file_name = f"{session}.jsonl"
    with open(os.path.join(out, file_name), "w") as f:
        f.write("\n".join(lines) + "\n")
    return file_name, refs, edits
