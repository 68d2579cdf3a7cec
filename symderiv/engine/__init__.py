"""The derivation engine: a problem's definitions differentiated by the chain rule at the
index level (``calculus``), every step checked numerically (``selfcheck``, ``numeric``),
folded into the problem's notation (``fold``, ``textbook``), lifted to matrix form
(``matrix_form``, ``contract``), second derivatives and stationary points (``higher``), and
cached on disk (``cache``). ``derive.derive_problem`` is the entry point."""
