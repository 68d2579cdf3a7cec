"""Decide: is an answer that was read equal to the derived result?

``compare`` runs the tests of ``tests`` in order (shape, structural, numeric with a
witness, symbolic proofs by ``zero``, ``sumproof`` and ``regions``, split on the index
``cases``); ``prepare`` puts an answer's value in the derived result's terms, ``matrix``
evaluates whole-matrix answers entrywise, ``entries``, ``combos`` and ``probe`` choose the
points a witness is looked for at. It reads with ``read``; it never names a mistake.
"""
