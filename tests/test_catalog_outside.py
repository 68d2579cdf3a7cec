"""The ten catalog exercises an outside tester wrote from their textbook statements (issue
29: a logistic-regression Hessian, Gaussian MLE, ridge, 2-D convolution backward, LSTM, GRU,
VAE KL, a tied autoencoder, softmax with temperature and label smoothing, Huber and
log-sum-exp): every target derives and agrees with autograd at three sizes (the tester's own
references, ``outside_reference.py``)."""

import functools
import os

import pytest
from outside_reference import EXERCISES, HERE, check_result

import symderiv

CASES = []
for fname, cfg, _ in EXERCISES:  # a config may also hold the tester's workaround targets
    with open(os.path.join(HERE, fname)) as f:
        text = f.read()
    CASES += [(fname, name) for name in cfg["targets"] if f'"{name}"' in text]


@functools.cache
def _derived(fname):
    ex = symderiv.load(os.path.join(HERE, fname))
    return ex, ex.derive()


@pytest.mark.parametrize(("fname", "name"), CASES)
def test_an_outside_catalog_target_agrees_with_autograd(fname, name):
    cfg = next(c for f, c, _ in EXERCISES if f == fname)
    ex, d = _derived(fname)
    assert name in d.results, d.failures.get(name)
    target = ex.problem.target(name)
    row = check_result(ex, target, d.results[name], cfg, cfg["targets"][name])
    assert row["correct"] is True, row


def test_every_target_of_the_ten_has_a_reference():
    for fname, cfg, _ in EXERCISES:
        ex, _ = _derived(fname)
        assert {t.name for t in ex.problem.targets} <= set(cfg["targets"]), fname
