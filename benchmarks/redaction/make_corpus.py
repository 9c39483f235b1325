#!/usr/bin/env python3
"""Writes a transcript-like JSONL file of a given size with planted secrets and PII.

Deterministic (seeded), so every run measures the same bytes. Prints the number of
planted values per kind on stderr.
"""
import json, random, sys

def main(path, size):
    rng = random.Random(4)
    def rand(chars, n): return "".join(rng.choice(chars) for _ in range(n))
    alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    planted = {}
    def plant(kind, value):
        planted[kind] = planted.get(kind, 0) + 1
        return value
    makers = [
        lambda: plant("github", "ghp_" + rand(alnum, 36)),
        lambda: plant("aws", "AKIA" + rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)),
        lambda: plant("openai", "sk-proj-" + rand(alnum, 48)),
        lambda: plant("slack", "xoxb-" + rand("0123456789", 12) + "-" + rand(alnum, 24)),
        lambda: plant("jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI" + rand(alnum, 20) + "." + rand(alnum, 43)),
        lambda: plant("password", 'DB_PASSWORD="' + rand(alnum, 14) + '"'),
        lambda: plant("email", rand("abcdefghij", 6) + "@example.org"),
        lambda: plant("ip", "203.0.113.%d" % rng.randint(1, 254)),
        lambda: plant("path", "/home/alice/src/shop/Sources/" + rand("abcdef", 5) + ".swift"),
        lambda: plant("url", "postgres://app:" + rand(alnum, 10) + "@db.example.com/shop"),
    ]
    prose = ("the agent edited the file and the user fixed the template by hand; "
             "run the tests again with swift test, then update GET /users and /api/v1/orders "
             "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 version 1.2.3 at 2026-11-22T10:15:30Z ").split()
    written = 0
    with open(path, "w") as out:
        n = 0
        while written < size:
            n += 1
            words = [rng.choice(prose) for _ in range(rng.randint(20, 120))]
            if rng.random() < 0.3:
                words.insert(rng.randint(0, len(words)), rng.choice(makers)())
            record = {"type": rng.choice(["user", "assistant"]), "uuid": "%032x" % rng.getrandbits(128),
                      "timestamp": "2026-11-22T10:%02d:%02d.123Z" % (n % 60, n % 60),
                      "message": {"role": "user", "content": [{"type": "text", "text": " ".join(words)}]}}
            line = json.dumps(record) + "\n"
            out.write(line)
            written += len(line.encode())
    print(json.dumps({"bytes": written, "planted": planted, "plantedTotal": sum(planted.values())}), file=sys.stderr)

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
