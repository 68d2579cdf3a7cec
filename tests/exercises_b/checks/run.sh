#!/bin/bash
# usage: checks/run.sh ID  -> derives, saves json, logs time
cd /work/heldout_tex2
ID=$1
/work/main/.venv/bin/symderiv --specs /work/heldout_tex2/exercises derive $ID --no-steps 2>&1; rc=$?
echo "rc=$rc"
echo "$ID derive rc=$rc $(date +%T)" >> checks/timelog.txt
if [ $rc = 0 ]; then /work/main/.venv/bin/symderiv --specs /work/heldout_tex2/exercises derive $ID --no-steps --json > checks/$ID.json 2>&1; fi
