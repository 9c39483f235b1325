"""Codex rollouts: written once the Codex decoder lands (see generate.py)."""


def write(scenario, out):
    raise NotImplementedError
