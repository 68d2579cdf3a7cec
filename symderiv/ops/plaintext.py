"""The course notation as one line of plain text (σ'(ỹ_k) δ_ik x_j, (p − y)/n, Σ_j …): what
``check`` shows a student as "read as", in a terminal, a CSV cell or an answer box, where
LaTeX would not render. Display only: it is written from the printer's own LaTeX."""

from __future__ import annotations

import re

_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ",
    "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ",
    "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "nabla": "∇", "partial": "∂",
    "infty": "∞", "cdot": "·", "odot": "⊙", "otimes": "⊗", "times": "×", "le": "≤",
    "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "to": "→",
    "sum": "Σ", "prod": "Π", "top": "ᵀ", "log": "log", "exp": "exp", "tanh": "tanh",
    "max": "max", "min": "min", "sin": "sin", "cos": "cos", "ln": "ln", "land": "and",
    "lor": "or", "wedge": "and", "vee": "or", "in": "∈", "ldots": "…", "cdots": "⋯",
    "dots": "…", "quad": " ", "qquad": " ",
}  # fmt: skip
_ACCENT = {"tilde": "\u0303", "hat": "\u0302", "bar": "\u0304", "vec": "\u20d7"}
_DROP = ("left", "right", "big", "Big", "bigg", "Bigg", "displaystyle", "limits")


def _group(s: str, i: int) -> tuple[str, int]:
    """The braced group at ``s[i]`` (or one character), and the index after it."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] != "{":
        if s[i] == "\\":
            m = re.match(r"\\[A-Za-z]+", s[i:])
            if m:
                return m.group(), i + m.end()
        return s[i], i + 1
    depth = 0
    for j in range(i, len(s)):
        depth += {"{": 1, "}": -1}.get(s[j], 0)
        if depth == 0:
            return s[i + 1 : j], j + 1
    return s[i + 1 :], len(s)


def _atomic(t: str) -> bool:
    if re.fullmatch(r"√\([^()]*\)", t):
        return True
    return bool(re.fullmatch(r"∂?[\w\u0300-\u036f\u20d7'′ᵀ.]+(_\w+|_\([^()]*\))?", t))


def text(latex: str) -> str:
    """One line of plain text for the printer's LaTeX."""
    out, i, s = [], 0, latex
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            m = re.match(r"\\([A-Za-z]+|.)", s[i:])
            name, i = m.group(1), i + m.end()
            if name in ("frac", "dfrac", "tfrac"):
                a, i = _group(s, i)
                b, i = _group(s, i)
                a, b = text(a), text(b)
                a = a if _atomic(a) else f"({a})"
                b = b if _atomic(b) else f"({b})"
                out.append(f"{a}/{b}")
            elif name == "sqrt":
                a, i = _group(s, i)
                out.append(f"√({text(a)})")
            elif name in _ACCENT:
                a, i = _group(s, i)
                inner = text(a)
                out.append(inner + _ACCENT[name] if len(inner) == 1 else f"{name}({inner})")
            elif name in ("mathbf", "boldsymbol", "mathrm", "operatorname", "text", "mathbb"):
                a, i = _group(s, i)
                out.append(text(a))
            elif name in _DROP:
                continue
            elif name in (",", ";", ":", "!", " "):
                out.append(" ")
            elif name == "\\":
                out.append("; ")
            elif name in ("begin", "end"):
                env, i = _group(s, i)
                out.append({"cases": "{ " if name == "begin" else " }"}.get(env, ""))
                if env == "array":
                    _, i = _group(s, i)
            else:
                out.append(_GREEK.get(name, name))
        elif ch in "_^":
            a, i = _group(s, i + 1)
            a = text(a)
            if ch == "^" and a in ("T", "ᵀ"):
                out.append("ᵀ")
            elif ch == "^" and a == "2":
                out.append("²")
            elif len(a) == 1 or re.fullmatch(r"\w+", a):
                out.append(f"{ch}{a}")
            else:
                out.append(f"{ch}({a})")
        elif ch == "&":
            out.append(" if ")
            i += 1
        elif ch in "{}":
            i += 1
        else:
            out.append(ch)
            i += 1
    line = re.sub(r"\s+", " ", "".join(out)).strip()
    line = line.replace("∂ ", "∂").replace(" if otherwise", " otherwise")
    return line.replace(" if for ", " for ")
