"""Real fixture transcripts with one record changed so that a shipped artifact is
in force: the corrections in them are real, only the attribution is added.
Line numbers stay those of the fixture."""
import json, os

DERIVED = [
    {"fixture": "transcripts/claude-code/agentcmd__full-session-two.jsonl",
     "name": "derived-agentcmd-two-ui-command.jsonl",
     # The user's typed request (line 6) is made through a team command instead.
     "replace": {6: lambda record: {**record, "message": {"role": "user", "content":
        "<command-message>ui-tweaks is running\u2026</command-message>\n<command-name>/ui-tweaks</command-name>\n"
        "<command-args>" + record["message"]["content"] + "</command-args>"}}},
     "labels": {14: ("lesson", "chat-correction", "real: interrupted, then 'not the new session button. this one…'"),
                25: ("silent", "-", "real: the rejection's reason folds into the lesson already raised for /ui-tweaks")}},
]


def write(fixtures, out):
    labels = []
    for item in DERIVED:
        with open(os.path.join(fixtures, item["fixture"])) as f:
            lines = f.read().split("\n")
        for number, change in item["replace"].items():
            lines[number - 1] = json.dumps(change(json.loads(lines[number - 1])), ensure_ascii=False)
        with open(os.path.join(out, item["name"]), "w") as f:
            f.write("\n".join(lines))
        for number, (expect, signal, reason) in item["labels"].items():
            labels.append((f"claude-code/{item['name']}", number, expect, signal, reason))
    return labels
