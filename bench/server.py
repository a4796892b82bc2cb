"""gunicorn on loopback, wrk against it, and peak memory of the processes involved."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "bench" / "wrk" / "report.lua"
WORKERS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """The portal under gunicorn (portal/gunicorn.conf.py, two workers) for as long as the block lasts."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log, self.port = env, log, free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        command = [str(ROOT / ".venv/bin/gunicorn"), "-c", "portal/gunicorn.conf.py", "--workers", str(WORKERS)]
        command += ["--bind", f"127.0.0.1:{self.port}", "--access-logfile", "/dev/null", "portal.wsgi"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)  # noqa: S603
        self._wait()
        return self

    def _wait(self, seconds: int = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log}")
            try:
                if fetch(f"{self.base}/healthz")["status"] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {seconds} s; see {self.log}")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def peak_memory_kb(self) -> dict:
        """VmHWM of each worker (the master only forks them)."""
        return {str(pid): peak_memory_kb(pid) for pid in self.worker_pids()}


def peak_memory_kb(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else None


def listening_pid(port: int) -> int | None:
    """The process listening on a loopback port (Elasticsearch's), from ``ss``."""
    try:
        command = ["ss", "-ltnpH", f"sport = :{port}"]
        output = subprocess.run(command, capture_output=True, text=True, check=False).stdout  # noqa: S603, S607
    except OSError:
        return None
    found = re.search(r"pid=(\d+)", output)
    return int(found.group(1)) if found else None


def fetch(url: str, cookie: str = "") -> dict:
    """One GET: status, the X-Page-Cache header and the body."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback only
            return {"status": response.status, "cache": response.headers.get("X-Page-Cache"), "body": response.read()}
    except urllib.error.HTTPError as error:
        return {"status": error.code, "cache": None, "body": error.read()}


def wrk(url: str, cookie: str, seconds: float, max_requests: int, connections: int = 2) -> dict:
    """Latency percentiles and throughput of GET ``url`` for ``seconds`` or ``max_requests`` responses."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "30s", "-s", str(LUA)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    env = os.environ | {"BENCH_MAX_REQUESTS": str(max_requests)}
    done = subprocess.run([*command, url], capture_output=True, text=True, env=env, check=True)  # noqa: S603
    line = next(line for line in done.stdout.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    figures["requests_per_s"] = round(figures["requests"] / max(figures["duration_s"], 1e-6), 1)
    if not figures["requests"]:  # nothing answered within the time: no latency to report
        figures |= dict.fromkeys(("p50_ms", "p95_ms", "p99_ms", "mean_ms"))
    return figures
