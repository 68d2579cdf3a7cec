"""Homework 3 of seed 004: the answers that cannot be judged, recorded with the reason."""

from symderiv.spec import Claim, Problem, Source

PROBLEM = Problem(
    id="hw3_unjudged",
    aliases=("3a", "5"),
    title="Answers without a question to judge them against (3(a), 5)",
    source=Source("004_d2ddfc88e605cf14.txt", "Exercises 3(a) and 5"),
    statement=(
        "3(a) is answered by multiple-choice letters (1: A, 2: B) whose questions and options "
        "are not in the write-up; 5 asks about the homework process and study group."
    ),
    claims=(
        Claim(
            "",
            r"\text{A}",
            "Exercise 3(a), answer 1",
            checkable=False,
            reason="a multiple-choice letter; the question and its options are not in the write-up",
        ),
        Claim(
            "",
            r"\text{B}",
            "Exercise 3(a), answer 2",
            checkable=False,
            reason="a multiple-choice letter; the question and its options are not in the write-up",
        ),
        Claim(
            "",
            r"\text{CSDN, past scribe}",
            "Exercise 5(a)",
            checkable=False,
            reason="study-group sources: not a mathematical answer",
        ),
        Claim(
            "",
            r"\text{3 hours}",
            "Exercise 5(c)",
            checkable=False,
            reason="time spent: not a mathematical answer",
        ),
    ),
)
