"""Output: plain text and JSON of a derivation (``text``), LaTeX documents and answer PDFs
through Typst or a TeX engine (``typst``, ``latexdoc``, ``pdf``), with student text made
safe to typeset (``safe``, ``isolate``), plots and the grading report (``plots``, ``report``).
Imported only by the CLI, and each renderer only when it is used."""
