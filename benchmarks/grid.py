"""Browsers beyond one machine: two shards against Selenium Grid 4, merged, with their times.

    python benchmarks/grid.py [--tags "@REG-10 or @REG-12"] [--port 4444]

1. Fetches Selenium Grid (org.seleniumhq.selenium:selenium-grid, GRID_VERSION, and its
   dependencies) from Maven Central with Maven into .cache/grid/lib (once).
2. Starts it standalone (hub and node in one process) on 127.0.0.1:PORT, its node driving
   Debian's chromium-driver (found on PATH; Selenium Manager off: nothing is downloaded).
3. Runs ``mailflow run --shard 1/2`` and ``2/2`` at once with ``SELENIUM_REMOTE_URL``
   pointing at it: Playwright asks the Grid for a Chrome session, reads its ``se:cdp``
   endpoint and drives it over the DevTools protocol. Then ``mailflow merge``.
4. Runs the same two shards with local browsers, for comparison, and prints both.

If the Grid cannot give Playwright a browser, the error is printed and the same two shards
run against Playwright's own browser server (``playwright launch-server``) on a second port,
through ``MAILFLOW_BROWSER_WS``.
Needs: java (17+), mvn, chromedriver (apt-get install maven default-jre-headless chromium-driver).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRID_VERSION = "4.47.0"
GRID_HOME = ROOT / ".cache" / "grid"
POM = f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.mailflow</groupId><artifactId>grid</artifactId><version>1</version>
  <dependencies>
    <dependency>
      <groupId>org.seleniumhq.selenium</groupId><artifactId>selenium-grid</artifactId>
      <version>{GRID_VERSION}</version>
    </dependency>
  </dependencies>
</project>
"""


def fetch_grid() -> Path:
    lib = GRID_HOME / "lib"
    if list(lib.glob(f"selenium-grid-{GRID_VERSION}.jar")):
        return lib
    for program in ("mvn", "java", "chromedriver"):
        if shutil.which(program) is None:
            sys.exit(f"Expected {program} on PATH: apt-get install maven default-jre-headless chromium-driver")
    GRID_HOME.mkdir(parents=True, exist_ok=True)
    (GRID_HOME / "pom.xml").write_text(POM, encoding="utf-8")
    done = subprocess.run(["mvn", "-q", "-B", "-Dstyle.color=never", "-f", str(GRID_HOME / "pom.xml"),
                           "dependency:copy-dependencies", f"-DoutputDirectory={lib}"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"Expected Maven to fetch selenium-grid {GRID_VERSION}; it failed:\n"
                 f"{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return lib


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, ready, seconds: float, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"Expected the server to answer at {url}; it ended ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if ready(response.read()):
                    return
        except OSError:
            pass
        time.sleep(0.5)  # polling a server that is starting
    sys.exit(f"Expected the server to answer at {url} within {seconds:.0f}s; see {log}")


def start_grid(lib: Path, port: int, log: Path) -> subprocess.Popen:
    command = ["java", "-cp", f"{lib}/*", "org.openqa.selenium.grid.Main", "standalone",
               "--host", "127.0.0.1", "--port", str(port), "--selenium-manager", "false",
               "--detect-drivers", "true", "--max-sessions", "2", "--override-max-sessions", "true"]
    grid = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT)
    wait_for(f"http://127.0.0.1:{port}/status", lambda body: json.loads(body)["value"]["ready"], 90, grid, log)
    return grid


def start_browser_server(port: int, log: Path) -> tuple[subprocess.Popen, str]:
    """Playwright's own browser server (``playwright launch-server``): answers its ws endpoint."""
    config = log.with_suffix(".json")
    config.write_text(json.dumps({"headless": True, "port": port, "wsPath": "mailflow",
                                  "executablePath": shutil.which("chromium") or None}))
    # In a session of its own: the Python wrapper starts Playwright's node driver, which must stop with it.
    server = subprocess.Popen([sys.executable, "-m", "playwright", "launch-server", "--browser", "chromium",
                               "--config", str(config)], stdout=log.open("w"), stderr=subprocess.STDOUT,
                              start_new_session=True)
    deadline = time.monotonic() + 60
    while not log.read_text().strip() and server.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)  # it prints its ws endpoint once listening
    if server.poll() is not None or not log.read_text().strip():
        sys.exit(f"Expected `playwright launch-server` to print its endpoint; see {log}")
    return server, log.read_text().split()[-1]


def stop_group(process: subprocess.Popen) -> None:
    """Stop a process started in a session of its own, and what it started there."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_shards(tags: str, reports: Path, env: dict[str, str]) -> tuple[list[float], float, int, str]:
    """Two shards at once, then the merge: each shard's time, the merge's, its exit status and count line."""
    started = time.monotonic()
    shards = [subprocess.Popen([sys.executable, "-m", "mailflow_specs", "run", "--shard", f"{i}/2", "--tags", tags,
                                "--reports", str(reports / f"shard-{i}")], cwd=ROOT, env=env,
                               stdout=(reports / f"shard-{i}.log").open("w"), stderr=subprocess.STDOUT)
              for i in (1, 2)]
    ended: dict[int, float] = {}
    while len(ended) < len(shards):
        for index, shard in enumerate(shards):
            if index not in ended and shard.poll() is not None:
                ended[index] = time.monotonic() - started
        time.sleep(0.1)  # a benchmark's clock, not a test's wait
    times = [ended[index] for index in range(len(shards))]
    merge_started = time.monotonic()
    folders = [str((reports / f"shard-{i}" / "latest").resolve()) for i in (1, 2)]
    merged = subprocess.run([sys.executable, "-m", "mailflow_specs", "merge", *folders,
                             "--reports", str(reports / "merged")],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    counts = next((line for line in reversed(merged.stdout.splitlines()) if "Report:" in line), merged.stderr[-300:])
    return times, time.monotonic() - merge_started, merged.returncode, counts.split(". Report:")[0].strip()


def first_error(reports: Path) -> str:
    for log in sorted(reports.glob("shard-*.log")):
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if "Error" in line or "error" in line:
                return f"{log.name}: {line.strip()[:400]}"
    return "(no error line in the shard logs)"


def report(label: str, result: tuple[list[float], float, int, str]) -> None:
    times, merge_time, status, counts = result
    print(f"{label:<34} shard 1 {times[0]:5.1f} s, shard 2 {times[1]:5.1f} s, merge {merge_time:4.1f} s; "
          f"exit {status}; {counts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tags", default="@REG-10 or @REG-12 or @REG-14")
    parser.add_argument("--port", type=int, default=0, help="the Grid's port (default: a free one)")
    parser.add_argument("--browser-server", action="store_true",
                        help="also run the shards on Playwright's browser server, even when the Grid works")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mailflow-grid-"))
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("MAILFLOW_BROWSER", "SELENIUM_"))}

    started = time.monotonic()
    lib = fetch_grid()
    port = args.port or free_port()
    grid = start_grid(lib, port, work / "grid.log")
    print(f"Selenium Grid {GRID_VERSION} standalone at http://127.0.0.1:{port} "
          f"(fetched and started in {time.monotonic() - started:.1f} s; log {work / 'grid.log'})")
    try:
        (work / "grid").mkdir()
        on_grid = run_shards(args.tags, work / "grid", {**base_env, "SELENIUM_REMOTE_URL": f"http://127.0.0.1:{port}"})
        report("two shards on Selenium Grid", on_grid)
        grid_failed = on_grid[2] != 0 or not on_grid[3]
        if grid_failed:
            print(f"  Playwright through the Grid failed: {first_error(work / 'grid')}")
    finally:
        grid.terminate()
        grid.wait(timeout=30)

    if grid_failed or args.browser_server:
        server, endpoint = start_browser_server(free_port(), work / "browser-server.log")
        try:
            (work / "ws").mkdir()
            report("two shards on a Playwright server", run_shards(args.tags, work / "ws",
                                                               {**base_env, "MAILFLOW_BROWSER_WS": endpoint}))
        finally:
            stop_group(server)

    (work / "local").mkdir()
    report("two shards, local browsers", run_shards(args.tags, work / "local", base_env))
    print(f"Run folders and logs: {work}")


if __name__ == "__main__":
    main()
