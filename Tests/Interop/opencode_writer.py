#!/usr/bin/env python3
"""Writes an OpenCode 1.2 database (V1 tables, WAL mode) the way OpenCode does,
as a second process while loopd reads it. Used by the end-to-end tests.

usage: opencode_writer.py DB REPO PHASE
  phase 1: session, "write a PRD", the agent runs skill prd-writer and writes docs/prd.md
  phase 2: the user answers "no, the template is Problem/Solution/Metrics"
"""
import json, os, sqlite3, sys, time

SCHEMA = """
CREATE TABLE IF NOT EXISTS project (id TEXT PRIMARY KEY, worktree TEXT NOT NULL, vcs TEXT,
    time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, parent_id TEXT, slug TEXT NOT NULL,
    directory TEXT NOT NULL, title TEXT NOT NULL, version TEXT NOT NULL, share_url TEXT,
    summary_additions INTEGER, summary_deletions INTEGER, summary_files INTEGER, summary_diffs TEXT,
    revert TEXT, permission TEXT, time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL,
    time_compacting INTEGER, time_archived INTEGER);
CREATE TABLE IF NOT EXISTS message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, time_created INTEGER NOT NULL,
    time_updated INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, session_id TEXT NOT NULL,
    time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL);
"""
PRD = "# PRD: Search\nSome freeform notes about search.\nWe should make it fast.\n"


def now():
    return int(time.time() * 1000)


def put(db, table, row_id, ids, data, created):
    columns = "id, message_id, session_id" if table == "part" else "id, session_id"
    t = now()
    db.execute(f"INSERT INTO {table} ({columns}, time_created, time_updated, data) VALUES ({', '.join('?' * (len(ids) + 4))}) "
               "ON CONFLICT(id) DO UPDATE SET time_updated = excluded.time_updated, data = excluded.data",
               [row_id, *ids, created, t, json.dumps(data)])
    db.commit()


def main():
    path, repo, phase = sys.argv[1], sys.argv[2], sys.argv[3]
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(SCHEMA)
    ses = "ses_e2e0000000000000000000001"
    t = now()
    if phase == "1":
        db.execute("INSERT INTO session (id, project_id, slug, directory, title, version, time_created, time_updated) "
                   "VALUES (?, 'global', 'e2e', ?, 'e2e', '1.2.5', ?, ?)", [ses, repo, t, t])
        db.commit()
        put(db, "message", "msg_e2e_01", [ses], {"role": "user", "time": {"created": t}}, t)
        put(db, "part", "prt_e2e_01", ["msg_e2e_01", ses], {"type": "text", "text": "write a PRD for search"}, t)
        put(db, "message", "msg_e2e_02", [ses], {"role": "assistant", "agent": "build", "time": {"created": t + 1}}, t + 1)
        put(db, "part", "prt_e2e_02", ["msg_e2e_02", ses], {"type": "tool", "tool": "skill", "callID": "call_s",
            "state": {"status": "completed", "input": {"name": "prd-writer"}, "output": "loaded", "time": {"start": t, "end": t + 1}}}, t + 1)
        target = os.path.join(repo, "docs", "prd.md")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w") as f:
            f.write(PRD)  # the agent's write lands on disk first
        put(db, "part", "prt_e2e_03", ["msg_e2e_02", ses], {"type": "tool", "tool": "write", "callID": "call_w",
            "state": {"status": "completed", "input": {"filePath": target, "content": PRD},
                      "metadata": {"filepath": target, "exists": False}, "output": "", "time": {"start": t + 1, "end": t + 2}}}, t + 1)
        put(db, "part", "prt_e2e_04", ["msg_e2e_02", ses], {"type": "text", "text": "I wrote docs/prd.md.",
            "time": {"start": t + 2, "end": t + 3}}, t + 1)
        put(db, "message", "msg_e2e_02", [ses], {"role": "assistant", "agent": "build", "time": {"created": t + 1, "completed": t + 3}}, t + 1)
    else:
        put(db, "message", "msg_e2e_03", [ses], {"role": "user", "time": {"created": t}}, t)
        put(db, "part", "prt_e2e_05", ["msg_e2e_03", ses], {"type": "text", "text": "no, the template is Problem/Solution/Metrics"}, t)
    db.close()


if __name__ == "__main__":
    main()
