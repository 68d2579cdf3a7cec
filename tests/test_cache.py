"""The derivation cache stores pickles, which run code when read: it must never read an
entry that someone else could have written, and it stays bounded."""

import os

import pytest

import symderiv
from symderiv.engine import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("SYMDERIV_CACHE", str(d))
    return d


def test_a_private_folder_is_created_and_read_back(folder):
    p = symderiv.load("exercise13").problem
    d1 = symderiv.load("exercise13").derive("dy_db")
    assert (folder.stat().st_mode & 0o777) == 0o700
    assert cache.load(p, ["dy_db"]) is not None
    assert d1["dy_db"].latex == symderiv.load("exercise13").derive("dy_db")["dy_db"].latex


def test_an_entry_others_can_write_is_never_unpickled(folder):
    p = symderiv.load("exercise13").problem
    symderiv.load("exercise13").derive("dy_db")
    (entry,) = folder.glob("*.pickle")
    entry.write_bytes(b"cos\nsystem\n(S'touch /tmp/symderiv-pwned-cache'\ntR.")  # a planted pickle
    os.chmod(entry, 0o666)
    assert cache.load(p, ["dy_db"]) is None
    os.chmod(entry, 0o600)
    os.chmod(folder, 0o777)  # a shared folder: nothing in it is trusted
    assert cache.load(p, ["dy_db"]) is None
    assert not os.path.exists("/tmp/symderiv-pwned-cache")


def test_the_cache_is_pruned(folder, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    p = symderiv.load("exercise13")
    for name in ("dy_db", "dy_dx", "dy_dW"):
        p.derive(name)
    assert len(list(folder.glob("*.pickle"))) == 2


def test_a_target_is_taken_from_the_whole_problems_entry(folder, monkeypatch):
    """`derive ID` stores all targets as one entry; a later check of one target reads it
    from there (it was derived again, in every process, before each first check)."""
    from symderiv.engine import derive as engine

    whole = symderiv.load("exercise13").derive()

    def never(*_):
        raise AssertionError("derived again")

    monkeypatch.setattr(engine, "derive_target", never)
    again = symderiv.load("exercise13")
    assert again.derive("dy_dx")["dy_dx"].latex == whole["dy_dx"].latex
