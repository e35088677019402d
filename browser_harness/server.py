"""`streamlit run` on a free loopback port, waited for until healthy, stopped with every process it started."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

REPO_ROOT = Path(__file__).resolve().parents[1]
APP_SCRIPT = REPO_ROOT / "app.py"
ARTIFACTS = REPO_ROOT / "artifacts"
SERVER_LOG_DIR = ARTIFACTS / "logs"

SERVER_START_TIMEOUT_S = 60
POLL_INTERVAL_S = 0.1


class ServerStartError(RuntimeError):
    """Streamlit exited, or did not answer its health check in time; the message holds its output."""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    """A `streamlit run` process serving one script on localhost."""

    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path

    def stop(self) -> None:
        """Terminate the server and every process it started."""
        if self.process.poll() is None:
            _signal_group(self.process, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _signal_group(self.process, signal.SIGKILL)
                self.process.wait()

    def __enter__(self) -> StreamlitServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(process.pid, sig)


def _server_output(log_path: Path) -> str:
    return log_path.read_text(encoding="utf-8", errors="replace")[-20_000:]


def _health_ok(port: int) -> bool:
    # No proxies: a proxy set in the environment must not intercept loopback requests.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def launch_streamlit(script: Path, data_dir: Path | None = None, address: str | None = "127.0.0.1") -> StreamlitServer:
    """Start `streamlit run script` from the repo root and wait until its health check answers.

    SUMMIT_DATA is removed from the environment (bundled data) unless `data_dir` is given.
    `address=None` leaves `server.address` unset, as `make run` does (Streamlit then listens on every
    interface and runs its start-up code for that case); the default listens on loopback only. Raises
    ServerStartError, with the server's output, if it exits or stays unhealthy for 60 s. The server is
    a context manager that stops it: `with launch_streamlit(APP_SCRIPT) as server: ...`.
    """
    script = Path(script).resolve()
    if not script.is_file():
        raise FileNotFoundError(f"Cannot start Streamlit: {script} does not exist.")
    port = free_port()
    env = {name: value for name, value in os.environ.items() if name != "SUMMIT_DATA"}
    if data_dir is not None:
        env["SUMMIT_DATA"] = str(Path(data_dir).resolve())
    SERVER_LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = SERVER_LOG_DIR / f"streamlit-{script.stem}-{port}.log"
    command = [
        # The caller's interpreter (pytest, bench, a script) is the project venv's (make test runs .venv/bin/python).
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        # Loopback only unless the caller asks otherwise: a test server is not for the network.
        *(["--server.address", address] if address is not None else []),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with log_path.open("wb") as log:
        # cwd = repo root, so .streamlit/config.toml applies; own process group, so stop() ends all.
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = StreamlitServer(process=process, base_url=f"http://localhost:{port}", log_path=log_path)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while not _health_ok(port):
        if process.poll() is not None:
            raise ServerStartError(
                f"Streamlit exited with code {process.returncode} before answering its health check.\n"
                f"Command: {' '.join(command)}\nServer output ({log_path}):\n{_server_output(log_path)}"
            )
        if time.monotonic() > deadline:
            server.stop()
            raise ServerStartError(
                f"Streamlit did not answer /_stcore/health within {SERVER_START_TIMEOUT_S} s.\n"
                f"Command: {' '.join(command)}\nServer output ({log_path}):\n{_server_output(log_path)}"
            )
        time.sleep(POLL_INTERVAL_S)
    return server
