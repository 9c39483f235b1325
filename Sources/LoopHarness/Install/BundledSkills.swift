/// The feedback skill and the `/harness-feedback` command that `loopctl install`
/// copies into each harness. The source of truth is `skills/` in the repository;
/// these copies travel inside the binary (a test keeps them identical).
public enum BundledSkills {
    /// The skill's folder name (and `name:`). Not `harness-feedback`: in Claude
    /// Code a skill shadows a command of the same name.
    public static let skillName = "loop-feedback"
    public static let commandName = "harness-feedback"

    /// `skills/loop-feedback/SKILL.md`.
    public static let skill = #"""
---
name: loop-feedback
description: Use when the user corrects your output, rejects an edit, or says a skill, command or agent got something wrong; and at the start of a session. Shows lessons loop caught, dismisses false alarms, asks the user's consent with the exact payload, and refines them into general lessons for the artifact's author.
---

# loop feedback

loop turns the user's corrections of a skill, command or agent into short,
de-identified lessons for its author. Nothing leaves the machine unless the
user consents to that one lesson. Use loop's MCP tools (server `loop`).

## When to call

- At the start of a session: `lessons_relevant` with the skill or files at hand,
  and apply what it returns. Then `lessons_pending`.
- After the user corrects your output (edits it by hand, rejects an edit, says
  it is wrong): finish the fix first, then `lessons_pending`.
- Never in the middle of a task the user is waiting on.

## Judge before asking

`lessons_pending` gives each lesson a `context`: what you produced
(`agentProduced`, `agentLastWords`), what the user said (`userSaid`) and why
loop flagged it (`whyFlagged`). Judge each one before any gate. If it is a
false alarm, call `lesson_dismiss` with the id, a `reason_kind` and one
sentence of `reason`, and never show its gate:

- `not-a-defect`: your output was right; the words were not a correction;
- `users-change-of-mind`: the user changed the requirement, nothing was wrong;
- `not-this-artifact`: a real correction, but of something else.

When in doubt, do not dismiss: ask the user with the gate.

## Refine before asking

A pending lesson's summary is a draft. Rewrite it with `lesson_refine` into one
general statement the author can act on:

- imperative voice: "Put the Metrics section last in PRDs."
- about the artifact's behaviour, not this project: no names, paths, hosts,
  ticket numbers, customer data or secrets;
- one rule per lesson, at most two sentences.

If `lesson_refine` refuses (something private remains), remove what it names
and try again. Do not work around the redactor.

## The consent gate

Show each lesson exactly like this, with the `payload` field unchanged:

    LOOP-CONSENT-GATE lesson <id>
    ```json
    <payload, verbatim>
    ```
    [S]end [E]dit [D]ecline

Then stop and wait for the user's own answer.

- `S` / `send`: call `lesson_consent` with `decision: "send"`.
- `D` / `decline`: call `lesson_consent` with `decision: "decline"`.
- `E` / `edit`: ask what to change, call `lesson_refine`, show the gate again.
- Anything else: the lesson stays pending; do not ask twice in a row.

Never answer the gate for the user, never call `lesson_consent` before they
typed the answer: loop checks the transcript and refuses.

## When loop refuses

- "not the answer to the consent gate": show the gate and wait.
- "not pending": the user (or an earlier dismissal) already decided; drop it.
- "cannot read this lesson's session transcript": tell the user to run
  `loopctl review`.
- quarantine or redaction refusals: say which rule matched, rewrite, or let
  the user decline. Never paste the secret back.
- loopd not running: tell the user `systemctl --user start loopd.socket`.

"""#

    /// `skills/commands/harness-feedback.md`.
    public static let command = #"""
---
description: Send feedback about a skill, command or agent to its author (through loop, with your consent)
argument-hint: "[kind:name] what went wrong"
---

The user gives feedback about a skill, command, agent or instructions file:

$ARGUMENTS

1. Work out which artifact it is about: a leading `kind:name` (for example
   `skill:prd-writer`) names it; otherwise use the skill, command or agent that
   produced the output being discussed. If you cannot tell, ask.
2. Call loop's `lessons_pending` with that artifact. loop already records
   `/harness-feedback` from Claude Code transcripts; if a pending lesson quotes
   this feedback, use it.
3. Otherwise call `feedback_submit` with `text` (the user's words),
   `artifact_kind` and `artifact_name`. Calling it twice is harmless: loop
   folds feedback on the same artifact and session into one lesson.
4. Refine the lesson with `lesson_refine` into one general, imperative statement
   (no names, paths or secrets), then show the consent gate as the
   loop-feedback skill describes and wait for the user's answer.

"""#
}
