"""Diagnose: which mistake a wrong answer is. ``mutate`` and ``mistakes`` produce the
named mistakes of a derived result, ``answer`` finds the one a wrong answer equals exactly
(it is only given when it reproduces the answer), ``corpus`` generates the labelled test
corpus from them. It uses ``read`` and ``decide``; neither uses it.
"""
