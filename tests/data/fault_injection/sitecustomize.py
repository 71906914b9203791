"""Loaded by every Python process of a test build (PYTHONPATH points here), worker
processes included: writing under ``FAULT_DIR`` fails with ``FAULT_ERRNO`` (EROFS: a
read-only disk, ENOSPC: a full one). Tests run as root, whom permission bits do not
stop, so a read-only or full folder is emulated here.

With ``FAULT_WORKER_DIES`` (a function's module and name, e.g.
``healthnotes.pipeline._draw``), a worker process that is given that function to run
kills itself instead (SIGKILL: what the out-of-memory killer does).

With ``RECORD_MODEL_LOADS`` (a file), every process writes its id to that file each
time it asks for the language model (a build that changed nothing should not).

With ``FAKE_PAGEFIND`` (an executable), the build runs it in Pagefind's place."""

import builtins
import errno
import importlib
import io
import os
import pathlib
import signal
import sys

_DIES = os.environ.get("FAULT_WORKER_DIES")
if _DIES and "--multiprocessing-fork" in sys.argv:  # a worker, not the build itself
    _module, _name = _DIES.rsplit(".", 1)

    def _die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    setattr(importlib.import_module(_module), _name, _die)

_FOLDER = os.environ.get("FAULT_DIR")
if _FOLDER:
    _FOLDER = os.path.realpath(_FOLDER)
    _ERRNO = getattr(errno, os.environ.get("FAULT_ERRNO", "EROFS"))
    _WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def _under(path):
        if isinstance(path, int):
            return False
        real = os.path.realpath(os.fsdecode(path))
        return real == _FOLDER or real.startswith(_FOLDER + os.sep)

    def _refuse(path):
        raise OSError(_ERRNO, os.strerror(_ERRNO), os.fsdecode(path))

    def _guard(function, *checked):
        def guarded(*args, **kwargs):
            for index in checked:
                if len(args) > index and _under(args[index]):
                    if function is _mkdir and os.path.lexists(args[0]):
                        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), args[0])
                    _refuse(args[index])
            return function(*args, **kwargs)

        return guarded

    _mkdir, _os_open, _io_open = os.mkdir, os.open, io.open
    os.mkdir = _guard(os.mkdir, 0)
    for _name in ("rename", "replace", "link", "symlink"):
        setattr(os, _name, _guard(getattr(os, _name), 0, 1))
    for _name in ("unlink", "remove", "rmdir", "chmod", "utime", "truncate"):
        setattr(os, _name, _guard(getattr(os, _name), 0))

    def _open(path, flags, *args, **kwargs):
        if flags & _WRITE and _under(path):
            _refuse(path)
        return _os_open(path, flags, *args, **kwargs)

    def _open_file(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+") and _under(file):
            _refuse(file)
        return _io_open(file, mode, *args, **kwargs)

    os.open = _open
    io.open = builtins.open = _open_file

_MODEL_LOADS = os.environ.get("RECORD_MODEL_LOADS")
if _MODEL_LOADS:  # not a fault: each use of the language model is written down
    from healthnotes.gate import ner as _ner

    _model = _ner.model

    def _recorded_model():
        import multiprocessing

        where = "worker" if multiprocessing.parent_process() else "build"
        with pathlib.Path(_MODEL_LOADS).open("a", encoding="utf-8") as record:
            record.write(f"{os.getpid()} {where}\n")
        return _model()

    _ner.model = _recorded_model

_PAGEFIND = os.environ.get("FAKE_PAGEFIND")
if _PAGEFIND:  # a stand-in for the search indexer (one that fails, or is slow)
    import pagefind_bin as _pagefind_bin

    _pagefind_bin.get_executable = lambda: pathlib.Path(_PAGEFIND)
