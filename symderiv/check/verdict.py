"""Verdicts: the statuses, their order of severity, and the ``Verdict`` record with its
witness."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SymderivError

EQUIVALENT = "equivalent"
NUMERIC = "equivalent-numerically"
NOT_EQUIVALENT = "not-equivalent"
UNREADABLE = "unreadable"
UNDECIDED = "undecided"
NOT_CHECKABLE = "not-checkable"
#: the check ran past its hard time bound (a safety net, not a budget: a verdict never
#: depends on time). Flagged for review, never graded as a decision either way
TIMEOUT = "timeout"
#: worst first: the verdict of several sides is the worst of theirs
SEVERITY = [UNREADABLE, NOT_EQUIVALENT, TIMEOUT, UNDECIDED, NOT_CHECKABLE, NUMERIC, EQUIVALENT]


@dataclass(frozen=True)
class Verdict:
    """The judgement of one answer, with how it was reached."""

    status: str
    reason: str = ""
    #: where they differ: {"at": {name: value}, "claimed": …, "derived": …}
    witness: dict | None = None
    #: which side of ``a = b = c`` the verdict is about (0-based), if the answer has several
    side: int | None = None
    #: 0-based offset of the fault in the LaTeX, for unreadable answers
    position: int | None = None
    seconds: float = 0.0
    notes: tuple = field(default_factory=tuple)
    #: the named mistake a wrong answer equals ({"name", "explanation", "latex"}), if any
    diagnosis: dict | None = None
    #: how the answer was read, in the problem's notation ({"latex", "text"}): "read as"
    reading: dict | None = None

    @property
    def ok(self) -> bool:
        return self.status in (EQUIVALENT, NUMERIC)

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "reason": self.reason,
            "witness": self.witness,
            "side": self.side,
            "position": self.position,
            "seconds": round(self.seconds, 4),
            "notes": list(self.notes),
            "diagnosis": self.diagnosis,
            "reading": self.reading,
        }

    def witness_text(self) -> str:
        w = self.witness
        if not w:
            return ""
        if "at" in w:
            at = ", ".join(f"{k} = {v}" for k, v in w["at"].items())
            entry = f"entry {w['entry']} " if "entry" in w else ""
            where = f"{entry}at {at}: " if at else entry
            if "uses" in w:
                return f"{where}uses {w['uses']}"
            text = f"{where}claimed {w['claimed']}, derived {w['derived']}"
            if "sequences" in w:
                text += " (" + ", ".join(f"{k} = {v}" for k, v in w["sequences"].items()) + ")"
            if "functions" in w:
                text += " (with " + ", ".join(f"{k} = {v}" for k, v in w["functions"].items()) + ")"
            return text
        return "; ".join(f"{k}: {v}" for k, v in w.items())


class Decided(Exception):
    """Raised by a test that has reached a verdict deep inside an evaluation."""

    def __init__(self, verdict: Verdict):
        self.verdict = verdict


class ShapeError(SymderivError):
    """The answer is not a well-formed matrix (or not of the shape asked for)."""


#: a reading longer than this is shown cut (a 50×50 matrix is not read by looking at it)
READING_CHARS = 2000


def read_as(reading) -> dict | None:
    """How an answer was read, in the problem's notation: ``{"latex", "text"}`` (the sides of
    a chain joined by =, assignments by commas); what the student can compare with what
    they meant before looking at the verdict."""
    from ..ops.plaintext import text
    from ..ops.printer import latex

    if reading.assignments:
        tex = ", ".join(f"{latex(k)} = {latex(v)}" for k, v in reading.assignments)
    elif reading.sides:
        tex = " = ".join(latex(s) if s is not None else "?" for s in reading.sides)
    else:
        return None
    if len(tex) > READING_CHARS:
        tex = tex[:READING_CHARS] + r"\ldots"
    return {"latex": tex, "text": text(tex)}
