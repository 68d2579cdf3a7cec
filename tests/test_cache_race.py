"""The cache under attack: in a shared, world-writable parent folder, another process swaps
the cache folder (or a symlink in its place) between the user's private folder and one that
holds a planted pickle, as fast as it can, while the cache is read. A check made on a path
that is opened after can be won by the swap (the planted pickle was run); checks made on
what was opened cannot. We run as root in CI, so the attacker's objects are told apart as
the cache's rules say, by their mode (group or other can write) or by being symlinks."""

import os
import pickle
import subprocess
import sys
import textwrap

import pytest

import symderiv
from symderiv.engine import cache

#: load attempts per attack, counted (never timed); `SYMDERIV_RACE_ATTEMPTS` for a longer run
ATTEMPTS = int(os.environ.get("SYMDERIV_RACE_ATTEMPTS", "10000"))

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux renames")

# Swaps `cache` with `bad` (both real folders, one atomic renameat2(RENAME_EXCHANGE)), or
# points the symlink `cache` at `good` and at `bad` in turn, until `stop` exists; prints
# "ready" once it is at it, then the number of swaps.
ATTACKER = textwrap.dedent(
    """
    import ctypes, os, sys
    how, cache, good, bad, stop = sys.argv[1:]
    libc = ctypes.CDLL(None, use_errno=True)
    a, b = os.fsencode(cache), os.fsencode(bad)
    tmp = cache + ".new"
    n = 0
    while n % 512 or n == 0 or not os.path.exists(stop):
        if n == 512:
            print("ready", flush=True)
        if how == "exchange":
            if libc.renameat2(-100, a, -100, b, 2) != 0:
                sys.exit("renameat2: " + os.strerror(ctypes.get_errno()))
        else:
            os.symlink(bad if n % 2 else good, tmp)
            os.replace(tmp, cache)
        n += 1
    print(n, flush=True)
    """
)


class _Planted:
    """A pickle that, when loaded, writes one byte to a file: the count of times it ran."""

    def __init__(self, fd):
        self.fd = fd

    def __reduce__(self):
        return (os.write, (self.fd, b"!"))


def _renameat2_works(tmp_path) -> bool:
    import ctypes

    x, y = tmp_path / "x", tmp_path / "y"
    x.mkdir()
    y.mkdir()
    libc = ctypes.CDLL(None, use_errno=True)
    ok = hasattr(libc, "renameat2") and libc.renameat2(
        -100, bytes(x), -100, bytes(y), 2
    ) == 0  # fmt: skip
    x.rmdir()
    y.rmdir()
    return ok


@pytest.mark.parametrize(
    "attack",
    [
        "world-writable folder",  # the swapped-in folder: mode 0777
        "world-writable entry",  # a private folder, its entry 0666
        "symlinked entry",  # a private folder, its entry a symlink to a private pickle
        "symlinked folder",  # the cache path a symlink, to the good folder and the bad one
    ],
)
def test_a_planted_pickle_is_never_loaded_whatever_is_swapped_in(tmp_path, monkeypatch, attack):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)  # everyone can create and rename here
    how = "symlink" if attack == "symlinked folder" else "exchange"
    if how == "exchange" and not _renameat2_works(tmp_path):
        pytest.skip("no renameat2(RENAME_EXCHANGE) here")
    good = shared / ("good" if how == "symlink" else "cache")
    path = shared / "cache"
    monkeypatch.setenv("SYMDERIV_CACHE", str(good))
    problem = symderiv.load("exercise13").problem
    names = ["dy_db"]
    cache.store(problem, names, {"good": True})  # the user's own entry, by the cache itself
    assert cache.load(problem, names) == {"good": True}
    (entry,) = good.glob("*.pickle")
    monkeypatch.setenv("SYMDERIV_CACHE", str(path))

    record = os.open(tmp_path / "ran", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    planted = pickle.dumps(_Planted(record))
    bad = shared / "bad"
    bad.mkdir(mode=0o700)
    if attack == "symlinked entry":
        elsewhere = tmp_path / "elsewhere.pickle"
        elsewhere.write_bytes(planted)
        os.chmod(elsewhere, 0o600)
        (bad / entry.name).symlink_to(elsewhere)
    else:
        (bad / entry.name).write_bytes(planted)
        os.chmod(bad / entry.name, 0o666 if attack == "world-writable entry" else 0o600)
    if attack == "world-writable folder":
        os.chmod(bad, 0o777)
    if how == "symlink":
        path.symlink_to(good)

    stop = tmp_path / "stop"
    attacker = subprocess.Popen(
        [sys.executable, "-c", ATTACKER, how, str(path), str(good), str(bad), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    goods = 0
    try:
        assert attacker.stdout.readline().strip() == "ready"
        for _ in range(ATTEMPTS):
            goods += cache.load(problem, names) == {"good": True}
        stop.touch()
        out, _ = attacker.communicate(timeout=60)
    finally:
        attacker.kill()
        attacker.wait()
        os.close(record)
    planted_loads = (tmp_path / "ran").stat().st_size
    swaps = int(out.split()[-1])
    print(
        f"{attack}: {planted_loads} planted loads, {goods} good, {ATTEMPTS} attempts, {swaps} swaps"
    )
    assert attacker.returncode == 0
    assert swaps > 512  # the attacker was at work before the first attempt and after it
    assert planted_loads == 0
    if how == "exchange":  # the user's entry was read when in place, the other refused
        assert 0 < goods < ATTEMPTS
