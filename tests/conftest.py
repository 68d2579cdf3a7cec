"""Shared fixtures: a private derivation cache per test session, derived problems once."""

import atexit
import os
import shutil
import tempfile

import pytest

# Never read or write the user's cache from tests.
os.environ["SYMDERIV_CACHE"] = tempfile.mkdtemp(prefix="symderiv-test-cache-")

import symderiv

atexit.register(shutil.rmtree, os.environ["SYMDERIV_CACHE"], ignore_errors=True)


@pytest.fixture(scope="session")
def ex13():
    return symderiv.load("exercise13")


@pytest.fixture(scope="session")
def ex14():
    return symderiv.load("exercise14")


@pytest.fixture(scope="session")
def d13(ex13):
    return ex13.derive(cache=False)


@pytest.fixture(scope="session")
def d14(ex14):
    return ex14.derive(cache=False)
