"""The derivation cache stores pickles, which run code when read: it must never read an
entry that someone else could have written, and it stays bounded."""

import os
import pickle

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


def test_a_symlinked_folder_or_entry_is_never_followed(folder, tmp_path, monkeypatch):
    """The checks are made on what is opened, and nothing is opened through a symlink:
    neither the cache folder itself nor an entry in it (a stranger's, pointing at a private
    file that passes every check once followed)."""
    p = symderiv.load("exercise13").problem
    cache.store(p, ["dy_db"], {"mine": True})
    (entry,) = folder.glob("*.pickle")
    assert cache.load(p, ["dy_db"]) == {"mine": True}
    elsewhere = tmp_path / "elsewhere.pickle"
    elsewhere.write_bytes(pickle.dumps({"planted": True}))
    os.chmod(elsewhere, 0o600)
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert cache.load(p, ["dy_db"]) is None

    entry.unlink()
    cache.store(p, ["dy_db"], {"mine": True})
    link = tmp_path / "link"
    link.symlink_to(folder)
    monkeypatch.setenv("SYMDERIV_CACHE", str(link))
    assert cache.load(p, ["dy_db"]) is None  # the folder is private, but reached by a symlink
    cache.store(p, ["dy_dx"], {"mine": True})  # nothing is written through it, and no error
    assert len(list(folder.iterdir())) == 1


def test_pruning_removes_only_entries_and_leaves_no_temporary_file(folder, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 1)
    p = symderiv.load("exercise13").problem
    folder.mkdir(mode=0o700)
    (folder / "notes.pickle").write_bytes(b"not an entry of ours")
    os.utime(folder / "notes.pickle", (0, 0))  # the oldest file here
    for name in ("dy_db", "dy_dx"):
        cache.store(p, [name], {name: 1})
    names = sorted(f.name for f in folder.iterdir())
    assert len(names) == 2 and "notes.pickle" in names, names
    (entry,) = (f for f in folder.iterdir() if f.name != "notes.pickle")
    assert (entry.stat().st_mode & 0o777) == 0o600
    assert cache.load(p, ["dy_dx"]) == {"dy_dx": 1}
