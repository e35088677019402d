"""Network audit for a server under test: every address a Python process tries to reach, written to a file.

Put this folder first on PYTHONPATH and name a file in NETWORK_AUDIT_LOG: Python imports `sitecustomize`
at start-up, before any of the program's own code, so the audit hook below sees everything that process
and its Python children (which inherit the environment) do through the `socket` module. One JSON object
per line: {"pid", "event", "host", "port", "refused"} for a socket event, {"pid", "event", "argv"} for a
new process, and a first {"pid", "event": "audit.start", "argv"} line per process, so that an empty
audit cannot pass for a clean one. An attempt to reach an address that is not loopback is written with
"refused": true, then fails with OSError as on an unplugged network, so an audited test never sends a
packet out. Native code that opens sockets itself (a browser started as a child process) is not seen;
the `subprocess.Popen` lines name it.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import socket
import sys

LOG = os.environ.get("NETWORK_AUDIT_LOG")
# Sending to or asking about an address; a bind only listens, so it is written but never refused.
REACHING = {"socket.connect", "socket.sendto", "socket.sendmsg"}
NAMING = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"}
PROCESSES = {"subprocess.Popen": 1, "os.posix_spawn": 1, "os.exec": 1}  # event → index of its argv
LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def is_loopback(host: object) -> bool:
    """True for loopback names and addresses; None (a passive lookup) and socket paths (AF_UNIX) are local."""
    if host is None or isinstance(host, bytes) or host == "":
        return True
    name = str(host).lower().rstrip(".")
    if name in LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _address(event: str, args: tuple) -> tuple[object, object]:
    """(host, port) from a socket event's arguments."""
    if event in NAMING:
        host = os.fsdecode(args[0]) if isinstance(args[0], bytes) else args[0]
        return host, args[1] if event == "socket.getaddrinfo" else None
    if event == "socket.getnameinfo":
        return args[0][0], args[0][1]
    address = args[1]
    if isinstance(address, tuple) and address:
        return address[0], address[1] if len(address) > 1 else None
    return address, None  # an AF_UNIX path


def _write(record: dict) -> None:
    # One short write per line in append mode: lines from several processes do not interleave.
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps({"pid": os.getpid(), **record}, default=repr) + "\n")


def _hook(event: str, args: tuple) -> None:
    if event in PROCESSES:
        argv = args[PROCESSES[event]]
        _write({"event": event, "argv": [os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in argv or []]})
    elif event in REACHING or event in NAMING or event in {"socket.bind", "socket.getnameinfo"}:
        host, port = _address(event, args)
        refused = event != "socket.bind" and not is_loopback(host)
        _write({"event": event, "host": host, "port": port, "refused": refused})
        if refused:
            # What an unplugged network gives: no name resolves, no route to an address.
            if event in NAMING or event == "socket.getnameinfo":
                raise socket.gaierror(socket.EAI_NONAME, f"network audit: {host!r} is not loopback")
            raise OSError(errno.ENETUNREACH, f"network audit: {host!r} is not loopback")


if LOG:
    _write({"event": "audit.start", "argv": sys.orig_argv})
    sys.addaudithook(_hook)
