#!/bin/bash
# Re-run every hand check (NumPy/autograd); prints one verdict line per target.
cd /work/heldout_tex2/checks
for f in check_t2_*.py check_negative_control.py; do /work/main/.venv/bin/python $f | grep -v '^      '; done
