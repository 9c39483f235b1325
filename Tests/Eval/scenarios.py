"""The scenarios of loop's evaluation corpus, written once for every harness.

Steps:
  ("skill", name)               the model invokes a skill
  ("command", name, args)       the user runs a custom command / prompt
  ("user", text)                the user types a message
  ("agent", text)               the agent answers
  ("write", path, content)      the agent creates a file (path relative to the repo)
  ("edit", path, old, new)      the agent replaces text in a file
  ("reject", reason|None)       the user refuses a proposed edit (with or without words)
  ("interrupt",)                the user stops the agent
  ("rollback", turns)           the user rolls the conversation back (Codex, OpenCode)
  ("disk", path, content)       the user changes a file on disk (working tree)
  ("diskdelete", path)          the user deletes a file
  ("exists", path, content)     the file is in the repository before the session (no record)
  ("feedback", text)            /harness-feedback (Claude Code only)
  ("useredit", path, snippet)   Claude Code's own edited_text_file record (Claude Code only)
labels: {step index: (expect lesson|silent, signal, one-line reason)}
"""

PRD_DRAFT = "# PRD: Search\nSome freeform notes about search.\nWe should make it fast.\nAnd nice.\n"
PRD_FIXED = "# PRD: Search\n## Problem\nUsers cannot find documents.\n## Solution\nFull-text search.\n## Metrics\nTime to first result.\n"
PY_AGENT = "def list_users(db):\n    rows = db.query('select * from users')\n    return [dict(r) for r in rows]\n"
PY_USER = "def list_users(db):\n    rows = db.query('select id, name from users where active')\n    return [User.from_row(r) for r in rows]\n"
LONG = "\n".join(f"line {i}" for i in range(1, 21)) + "\n"

SCENARIOS = [
    # ---- corrections: each must become a lesson ----
    {"name": "prd-template-chat", "steps": [
        ("command", "prd-writer", "search"), ("write", "docs/prd.md", PRD_DRAFT), ("agent", "I wrote docs/prd.md."),
        ("user", "no, the template is Problem/Solution/Metrics")],
     "labels": {3: ("lesson", "chat-correction", "explicit 'no, the template is' right after the command's output")}},
    {"name": "prd-hand-edit", "steps": [
        ("user", "write a PRD for search"), ("skill", "prd-writer"), ("write", "docs/prd.md", PRD_DRAFT),
        ("agent", "Done."), ("disk", "docs/prd.md", PRD_FIXED)],
     "labels": {4: ("lesson", "hand-edit", "the user rewrote every line the skill wrote")}},
    {"name": "code-hand-edit", "steps": [
        ("command", "add-endpoint", "users"), ("write", "api/users.py", PY_AGENT), ("agent", "Added api/users.py."),
        ("disk", "api/users.py", PY_USER)],
     "labels": {3: ("lesson", "hand-edit", "the user replaced the query and the mapping the command wrote")}},
    {"name": "revert-by-hand", "steps": [
        ("user", "tidy up a.py"), ("skill", "refactor"), ("edit", "a.py", "x = 1\n", "x = compute()\ny = 2\n"),
        ("agent", "Refactored."), ("disk", "a.py", "x = 1\n")],
     "labels": {4: ("lesson", "revert", "the file is back to its content before the skill's edit")}},
    {"name": "delete-created-file", "steps": [
        ("user", "scaffold the module"), ("skill", "scaffold"), ("write", "mod/new.py", PY_AGENT),
        ("agent", "Created mod/new.py."), ("diskdelete", "mod/new.py")],
     "labels": {4: ("lesson", "revert", "the user deleted the file the skill created")}},
    {"name": "reject-with-reason", "steps": [
        ("user", "add the search button"), ("skill", "ui-builder"), ("reject", "put it outside the search bar, on the right")],
     "labels": {2: ("lesson", "rejection", "edit refused with the user's reason")}},
    {"name": "reject-then-typed-reason", "steps": [
        ("user", "add the search button"), ("skill", "ui-builder"), ("reject", None), ("interrupt",),
        ("user", "Completely outside the search bar entirely")],
     "labels": {4: ("lesson", "rejection", "edit refused, reason typed right after")}},
    {"name": "you-forgot", "steps": [
        ("command", "relnotes", "2.0"), ("agent", "Here are the release notes for 2.0: features, fixes."),
        ("user", "you forgot the breaking changes section")],
     "labels": {2: ("lesson", "chat-correction", "'you forgot' names a missing part of the output")}},
    {"name": "stop-using-rest", "steps": [
        ("user", "document the API"), ("skill", "docs-writer"), ("write", "docs/api.rst", "API\n===\n\n.. note:: draft\n"),
        ("agent", "Wrote docs/api.rst."), ("user", "stop using reST, we write Markdown")],
     "labels": {4: ("lesson", "chat-correction", "'stop using' rejects the format the skill chose")}},
    {"name": "interrupt-redirect", "steps": [
        ("user", "add a new session button"), ("skill", "ui-builder"), ("agent", "Adding the button to the header now."),
        ("interrupt",), ("user", "not the header. the one in the sidebar")],
     "labels": {4: ("lesson", "chat-correction", "the user stopped the output and steered it elsewhere")}},
    {"name": "repeated-instruction", "steps": [
        ("command", "changelog", ""), ("agent", "Here is the changelog."),
        ("user", "use the keep a changelog format with the unreleased section on top"),
        ("agent", "Updated the changelog."),
        ("user", "use the keep a changelog format, unreleased section on top")],
     "labels": {2: ("silent", "-", "a first instruction is iteration"),
                4: ("lesson", "chat-correction", "the same instruction again: it was not followed")}},
    {"name": "second-correction-folds", "steps": [
        ("command", "prd-writer", "search"), ("agent", "Here is the PRD in free form."),
        ("user", "no, the template is Problem/Solution/Metrics"), ("agent", "Fixed."),
        ("user", "that's wrong, metrics go last")],
     "labels": {2: ("lesson", "chat-correction", "first correction of the command's output"),
                4: ("silent", "-", "second correction of the same artifact in the session folds into the first")}},
    {"name": "i-told-you", "steps": [
        ("command", "api-client", "payments"), ("agent", "Generated the client with callbacks."),
        ("user", "I told you to use async/await everywhere")],
     "labels": {2: ("lesson", "chat-correction", "'I told you' marks an ignored instruction")}},
    {"name": "should-be", "steps": [
        ("user", "create the schema"), ("skill", "sql-writer"), ("agent", "Created table users."),
        ("user", "the table should be called user_accounts, not users")],
     "labels": {3: ("lesson", "chat-correction", "'should be' repairs the output")}},
    {"name": "explicit-feedback", "harnesses": ["claude-code"], "steps": [
        ("user", "write tests for parser.py"), ("skill", "test-writer"), ("agent", "Added three tests."),
        ("feedback", "test-writer never covers empty input or unicode")],
     "labels": {3: ("lesson", "explicit", "the user reported it with /harness-feedback")}},
    {"name": "harness-recorded-edit", "harnesses": ["claude-code"], "steps": [
        ("user", "write a PRD"), ("skill", "prd-writer"), ("write", "docs/prd.md", PRD_DRAFT), ("agent", "Done."),
        ("useredit", "docs/prd.md", "     2\u2192## Problem\n     3\u2192Users cannot find documents.")],
     "labels": {4: ("lesson", "hand-edit", "Claude Code recorded the user's change to the skill's lines")}},
    {"name": "rollback-after-edit", "harnesses": ["codex", "opencode"], "steps": [
        ("command", "config-writer", "write the CI config"),
        ("write", "ci.yml", "jobs:\n  build: {}\n"), ("agent", "Wrote ci.yml."), ("rollback", 1)],
     "labels": {3: ("lesson", "revert", "the user rolled back the turn that wrote ci.yml")}},

    # ---- look-alikes: each must stay silent ----
    {"name": "new-requirement", "steps": [
        ("command", "prd-writer", "search"), ("agent", "Here is the PRD."), ("user", "now also add a section on risks")],
     "labels": {2: ("silent", "-", "a new requirement is iteration")}},
    {"name": "preference", "steps": [
        ("user", "theme the page"), ("skill", "theme"), ("agent", "Applied a green theme."),
        ("user", "I'd prefer blue instead of green")],
     "labels": {3: ("silent", "-", "a preference is iteration")}},
    {"name": "scope-pivot", "steps": [
        ("command", "prd-writer", "web"), ("agent", "Here is the PRD for the web app."),
        ("user", "actually let's switch to the mobile app instead")],
     "labels": {2: ("silent", "-", "a scope pivot is iteration")}},
    {"name": "question", "steps": [
        ("command", "prd-writer", "search"), ("agent", "Here is the PRD."), ("user", "what about the metrics?")],
     "labels": {2: ("silent", "-", "a clarifying question is not a correction")}},
    {"name": "approval", "steps": [
        ("command", "prd-writer", "search"), ("agent", "Here is the PRD."), ("user", "thanks, looks good")],
     "labels": {2: ("silent", "-", "an approval")}},
    {"name": "formatter-run", "steps": [
        ("user", "add a helper"), ("skill", "helper-writer"), ("write", "util.py", "def f(a,b):\n  return a+b\n"),
        ("agent", "Added util.py."), ("disk", "util.py", "def f(a, b):\n    return a+b\n")],
     "labels": {4: ("silent", "-", "whitespace-only change, as a formatter makes")}},
    {"name": "edit-elsewhere-in-file", "steps": [
        ("exists", "f.txt", LONG), ("user", "fix line 2"), ("skill", "fixer"),
        ("edit", "f.txt", "line 2\n", "line two\n"), ("agent", "Fixed."),
        ("disk", "f.txt", LONG.replace("line 2\n", "line two\n").replace("line 15\n", "line fifteen (mine)\n"))],
     "labels": {5: ("silent", "-", "the user changed a line the agent did not write")}},
    {"name": "file-agent-never-touched", "steps": [
        ("user", "add a helper"), ("skill", "helper-writer"), ("write", "util.py", PY_AGENT), ("agent", "Added util.py."),
        ("disk", "other.py", "print('mine')\n")],
     "labels": {3: ("silent", "-", "the user edited a file the agent never touched")}},
    {"name": "unattributed-correction", "steps": [
        ("user", "write a README"), ("write", "README.md", "# App\n"), ("agent", "Wrote README.md."),
        ("user", "no, that's wrong, it needs install steps")],
     "labels": {3: ("silent", "-", "no skill, command or subagent produced the output")}},
    # OpenCode's shipped artifact in this corpus is a custom primary agent, which
    # answers every turn: a new instruction does not end its scope there.
    {"name": "new-instruction-ends-scope", "harnesses": ["claude-code", "codex"], "steps": [
        ("command", "prd-writer", "search"), ("agent", "Here is the PRD."), ("user", "Now write a haiku about databases"),
        ("agent", "Rows in silence wait"), ("user", "no, that's wrong, haikus have three lines")],
     "labels": {2: ("silent", "-", "a new instruction"),
                4: ("silent", "-", "the corrected output came after a new instruction, not from the command")}},
    {"name": "correction-before-output", "steps": [
        ("user", "write a PRD"), ("skill", "prd-writer"), ("user", "no, not like that, use the template")],
     "labels": {2: ("silent", "-", "nothing was produced yet")}},
    {"name": "reject-then-new-requirement", "steps": [
        ("user", "add the search button"), ("skill", "ui-builder"), ("reject", None), ("interrupt",),
        ("user", "wait, first also add a settings page")],
     "labels": {4: ("silent", "-", "the words after the rejection are a new requirement")}},
    {"name": "ambiguous", "steps": [
        ("command", "prd-writer", "search"), ("agent", "Here is the PRD."), ("user", "maybe the title could be shorter?")],
     "labels": {2: ("silent", "-", "ambiguous")}},
    {"name": "test-failure-sentiment", "steps": [
        ("user", "add tests"), ("skill", "test-writer"), ("agent", "Added tests."), ("user", "ugh, the build is red again")],
     "labels": {3: ("silent", "-", "negative sentiment alone is not a correction")}},
    {"name": "plain-follow-up", "steps": [
        ("command", "prd-writer", "search"), ("agent", "Here is the PRD."), ("user", "make the title bigger")],
     "labels": {2: ("silent", "-", "a plain follow-up instruction")}},
    {"name": "interrupt-new-requirement", "steps": [
        ("user", "build the page"), ("skill", "ui-builder"), ("agent", "Building the page."), ("interrupt",),
        ("user", "can you also add a footer")],
     "labels": {4: ("silent", "-", "after the interrupt the user adds work")}},
    {"name": "no-answers-agent-question", "steps": [
        ("command", "relnotes", "2.0"), ("agent", "Here are the notes. Shall I also post them to Slack?"),
        ("user", "no, that's fine")],
     "labels": {2: ("silent", "-", "'no' answers the agent's question")}},
    {"name": "dont-answers-agent-question", "steps": [
        ("command", "deployer", "staging"), ("agent", "Deployed to staging. Should I push to main too?"),
        ("user", "don't push yet")],
     "labels": {2: ("silent", "-", "'don't' answers the agent's question")}},
    {"name": "rollback-talk-only", "harnesses": ["codex", "opencode"], "steps": [
        ("command", "explainer", "explain the parser"),
        ("agent", "The parser reads tokens."), ("rollback", 1)],
     "labels": {2: ("silent", "-", "the rolled-back turn changed no file")}},
]
