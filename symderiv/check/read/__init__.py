"""Read: an answer's text (LaTeX, plain text from an answer box, a converter's markup) into
a SymPy expression in the problem's notation, every mark accounted for.

``answer`` is the entry (``read``, ``read_once``); ``lexical`` guards and normalises the
text, ``forms`` and ``spellings`` read the wrappers and spellings around the math, ``plain``
is the grammar of plain-text math, ``fastparse`` and ``parse`` the LaTeX grammar (the fast
lane and ``latex2sympy2_extended``), ``notation`` and ``names`` map what was read onto the
problem's quantities. Nothing here decides anything about an answer's truth.
"""
