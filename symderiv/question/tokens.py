"""The tokens of the notation ``ask`` reads: LaTeX commands, letters, digits and symbols,
Unicode read as its LaTeX, spacing dropped. Every other character is an error naming it."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SymderivError


class AskError(SymderivError):
    """What ``ask`` could not read or infer, said in one line (exit code 2)."""


# -- tokens ---------------------------------------------------------------------------------
_UNICODE = {
    "σ": r"\sigma ", "λ": r"\lambda ", "α": r"\alpha ", "β": r"\beta ", "γ": r"\gamma ",
    "δ": r"\delta ", "ε": r"\epsilon ", "η": r"\eta ", "θ": r"\theta ", "μ": r"\mu ",
    "τ": r"\tau ", "φ": r"\phi ", "ψ": r"\psi ", "ω": r"\omega ", "Σ": r"\Sigma ",
    "ᵀ": "^T", "⊤": r"\top ", "⊙": r"\odot ", "∘": r"\odot ", "‖": r"\|", "−": "-",
    "·": r"\cdot ", "×": r"\times ", "²": "^2", "⁻¹": "^{-1}", "∂": r"\partial ",
    "∇": r"\nabla ",
}  # fmt: skip
_SPACING = {r"\,", r"\;", r"\:", r"\!", r"\ ", r"\quad", r"\qquad", r"\left", r"\right",
            r"\big", r"\Big", r"\bigg", r"\Bigg", r"\bigl", r"\bigr", r"\Bigl", r"\Bigr",
            r"\displaystyle", r"\textstyle", "~"}  # fmt: skip
GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
    "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau",
    "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda",
    "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega",
}  # fmt: skip
_ACCENTS = {"hat", "tilde", "bar", "vec", "widehat", "widetilde", "overline", "dot"}
_FONTS = {"mathbf", "boldsymbol", "bm", "mathit", "mathrm", "mathsf", "mathbb"}
_FUNCTIONS = {"sigma": "sigma", "tanh": "tanh", "exp": "exp", "log": "log", "ln": "log",
              "sqrt": "sqrt", "det": "det", "tr": "tr", "Tr": "tr", "trace": "tr",
              "softmax": "softmax", "diag": "diag", "ReLU": "relu", "relu": "relu",
              "max": "max"}  # fmt: skip
_TRANSPOSE = {"T", r"\top", r"\intercal", r"\mathsf{T}", r"\mathrm{T}", r"\mathsf T"}


@dataclass(frozen=True)
class Tok:
    kind: str  # cmd letter digit sym end
    text: str
    pos: int


def tokens(text: str) -> list[Tok]:
    for u, tex in _UNICODE.items():
        text = text.replace(u, tex)
    text = text.replace("\n", " ; ")
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "\\":
            j = i + 1
            if j < len(text) and text[j].isalpha():
                while j < len(text) and text[j].isalpha():
                    j += 1
            else:
                j += 1
            cmd = text[i:j]
            if cmd not in _SPACING:
                out.append(Tok("cmd", cmd, i))
            i = j
        elif c == "~":
            i += 1
        elif c.isdigit() or c == ".":
            out.append(Tok("digit", c, i))
            i += 1
        elif c.isascii() and c.isalpha():
            out.append(Tok("letter", c, i))
            i += 1
        elif c in "+-*/()[]{}^_=,;|'":
            out.append(Tok("sym", c, i))
            i += 1
        else:
            raise AskError(f"cannot read {c!r} at position {i}")
    out.append(Tok("end", "", len(text)))
    return out
