"""Which process of a build holds the most memory: peaks by role, sampled from /proc.

``ru_maxrss`` of a build's children (what ``bench/driver.py`` records) says how big
the largest process got, not which one it was. While a build runs,
:class:`PeakSampler` reads ``VmHWM`` (the process's own peak resident set) of every
descendant of the build's process every few tenths of a second and names each by
what it is:

* ``build``: the build's own process;
* ``worker``: one of the build's worker processes (:mod:`healthnotes.runtime.workers`,
  started with multiprocessing's ``spawn``): they fit texts, draw cards and check posts;
* ``resource tracker``: multiprocessing's helper process;
* ``X > forked child``: a process forked from X;
* another program by its name (``pagefind``, ``rm``), whatever its arguments.

A process that lives less than one interval can be missed; ``VmHWM`` only grows,
so a process seen at least once near its end is counted at its peak. The CPU time
of each (``/proc/PID/stat``) is kept as last seen, for where a build's CPU goes, and
its resident memory split into anonymous and file-backed pages when it was seen most
resident, for which kind of memory a peak is. Linux only
(elsewhere nothing is sampled).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")


#: Clock ticks a second, the unit of CPU times in /proc/PID/stat.
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _processes() -> dict[int, tuple[int, float]]:
    """Every process's parent and CPU seconds so far (user + system), by pid."""
    processes = {}
    for name in os.listdir(PROC):  # noqa: PTH208  (names only: ~70 a tenth of a second)
        if not name.isdigit():
            continue
        try:
            stat = (PROC / name / "stat").read_bytes()
        except OSError:
            continue  # ended meanwhile
        # pid (comm) state ppid ... utime stime ...: comm may hold spaces and parentheses.
        fields = stat[stat.rindex(b")") + 2 :].split()
        processes[int(name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS)
    return processes


def _cmdline(pid: int) -> list[str] | None:
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return None
    return raw.decode("utf-8", "replace").split("\0")[:-1]


#: What /proc/PID/status says of a process's memory, in kB: its peak, and what is
#: resident now, split into anonymous memory (heap, arrays) and file-backed pages
#: (shared libraries, mapped fonts).
_MEMORY_FIELDS = ("VmHWM", "VmRSS", "RssAnon", "RssFile")


def _memory_kb(pid: int) -> dict[str, int] | None:
    try:
        status = (PROC / str(pid) / "status").read_text(encoding="utf-8")
    except OSError:
        return None
    found = {}
    for line in status.splitlines():
        name, _, value = line.partition(":")
        if name in _MEMORY_FIELDS:
            found[name] = int(value.split()[0])
    return found if "VmHWM" in found else None  # a zombie: no memory left


def role(cmdline: list[str], parent_role: str | None, parent_cmdline: list[str] | None) -> str:
    """What a process is, from its command line and its parent's (see the module)."""
    if parent_role is not None and cmdline == parent_cmdline:
        return f"{parent_role} > forked child"
    code = " ".join(cmdline)
    for marker, name in ROLES:
        if marker in code:
            return name
    program = Path(cmdline[0]).name if cmdline else ""
    if program and not program.startswith("python"):
        return program  # another program (pagefind, rm): one role, whatever it was given
    return code[:80] or "?"


#: A process's role by what its command line runs (multiprocessing's own processes).
ROLES = (
    ("multiprocessing.spawn import spawn_main", "worker"),
    ("multiprocessing.resource_tracker", "resource tracker"),
)


class PeakSampler:
    """Samples the peaks of ``root`` and its descendants until :meth:`stop`."""

    def __init__(self, root: int, interval: float = 0.2) -> None:
        self.root = root
        self.interval = interval
        self._stopped = threading.Event()
        self._seen: dict[int, tuple[list[str], str, int]] = {}  # pid: cmdline, role, peak
        self._cpu: dict[int, float] = {}  # pid: CPU seconds when last seen
        self._largest: dict[int, dict[str, int]] = {}  # pid: memory when most resident
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> PeakSampler:
        if PROC.is_dir():
            self._thread.start()
        return self

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stopped.wait(self.interval):
                return

    def sample(self) -> None:
        """Read once the peak of every process below (and of) the root."""
        processes = _processes()
        parents = {pid: ppid for pid, (ppid, _) in processes.items()}
        children: dict[int, list[int]] = {}
        for pid, ppid in parents.items():
            children.setdefault(ppid, []).append(pid)
        order, todo = [], [self.root]
        while todo:  # parents before their children: a child's role needs its parent's
            pid = todo.pop()
            order.append(pid)
            todo.extend(children.get(pid, ()))
        for pid in order:
            cmdline, memory = _cmdline(pid), _memory_kb(pid)
            if not cmdline or memory is None:
                continue
            hwm = memory["VmHWM"]
            if pid == self.root:
                name = "build"
            else:
                parent = self._seen.get(parents.get(pid, -1))
                name = role(cmdline, parent and parent[1], parent and parent[0])
            old = self._seen.get(pid)
            # A process that has since run another program (fork, then exec) starts
            # its peak again: before the exec it was a copy of its parent.
            same = old is not None and old[0] == cmdline
            peak = max(hwm, old[2]) if old is not None and same else hwm
            self._seen[pid] = (cmdline, name, peak)
            self._cpu[pid] = processes[pid][1]
            largest = self._largest.get(pid) if same else None
            if largest is None or memory.get("VmRSS", 0) > largest.get("VmRSS", 0):
                self._largest[pid] = memory

    def _largest_by_role(self) -> dict[str, int]:
        """The pid of each role's process with the largest peak, largest first."""
        top: dict[str, int] = {}
        for pid, (_, name, kb) in self._seen.items():
            if name not in top or kb > self._seen[top[name]][2]:
                top[name] = pid
        return dict(sorted(top.items(), key=lambda item: -self._seen[item[1]][2]))

    def stop(self) -> dict[str, float]:
        """Stop sampling; the peak of each role in MB (the largest of its processes)."""
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join()
        return {
            name: round(self._seen[pid][2] / 1024, 1)
            for name, pid in self._largest_by_role().items()
        }

    def kinds_by_role(self) -> dict[str, dict[str, float]]:
        """For the process of each role with the largest peak, its anonymous and
        file-backed resident memory in MB when it was seen most resident (which kind
        of memory makes a peak). Call after :meth:`stop`."""
        kinds = {}
        for name, pid in self._largest_by_role().items():
            memory = self._largest.get(pid, {})
            kinds[name] = {
                "anon": round(memory.get("RssAnon", 0) / 1024, 1),
                "file": round(memory.get("RssFile", 0) / 1024, 1),
            }
        return kinds

    def cpu_by_role(self) -> dict[str, float]:
        """CPU seconds of each role (all its processes), as last seen: a process's last
        interval before it ended is missed. Call after :meth:`stop`."""
        cpu: dict[str, float] = {}
        for pid, (_, name, _) in self._seen.items():
            cpu[name] = cpu.get(name, 0.0) + self._cpu.get(pid, 0.0)
        return {name: round(s, 1) for name, s in sorted(cpu.items(), key=lambda item: -item[1])}
