"""Run one build in this (fresh) process and report what it cost: ``bench/run.py`` uses it.

    python bench/driver.py REPORT.json ours  -- <build.py arguments>
    python bench/driver.py REPORT.json plain -- <pelican arguments>

``ours`` runs ``build.main(argv)`` exactly as ``python build.py argv`` would;
``plain`` runs ``pelican.main(argv)`` exactly as the ``pelican`` command would.
The process exits with the build's exit code and writes REPORT.json:

* ``maxrss_kb``: the peak resident set of the largest single process of the
  build: the larger of this process's own peak (``RUSAGE_SELF``) and that of
  its largest waited-for child (``RUSAGE_CHILDREN``: the card workers, which
  are forked from the build and so also count pages they share with it).
  Measured in a fresh process per build because ``ru_maxrss`` of children only
  ever grows.
The rendering phase's own cost (CPU of the process that renders and of its
workers) is printed by ``build.py --verbose`` in its ``Cards: …`` line, which
``bench/run.py`` reads.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    report_path, kind, separator, *argv = sys.argv[1:]
    assert separator == "--" and kind in ("ours", "plain"), sys.argv
    record: dict = {"kind": kind}
    code = 1
    try:
        if kind == "ours":
            sys.path.insert(0, str(ROOT))  # this project's build.py, not PyPA's `build`
            sys.argv = [str(ROOT / "build.py"), *argv]
            import build

            code = build.main(argv)
        else:
            import pelican

            sys.argv = ["pelican", *argv]
            try:
                pelican.main(argv)
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        record["exit_code"] = code
        record["maxrss_kb"] = max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        record["maxrss_self_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        record["maxrss_children_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        Path(report_path).write_text(json.dumps(record), encoding="utf-8")
    return code


if __name__ == "__main__":
    kind = sys.argv[2]
    code = main()
    if kind == "ours":
        import build

        build.exit_now(code)  # as `python build.py` ends
    sys.exit(code)  # as the `pelican` command ends
