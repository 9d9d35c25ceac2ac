"""One step of the set-up: a command run with its line printed, its failure said in one line."""

from __future__ import annotations

import subprocess


def run_step(command: list[str], env: dict[str, str] | None = None, *, cwd: str | None = None) -> bool:
    print(f"  $ {' '.join(command)}", flush=True)  # noqa: T201 (the set-up's own output)
    try:
        done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=1200)
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"    failed: {error}")  # noqa: T201
        return False
    if done.returncode != 0:
        print("    failed: " + (done.stderr.strip().splitlines() or ["(no output)"])[-1])  # noqa: T201
    return done.returncode == 0
