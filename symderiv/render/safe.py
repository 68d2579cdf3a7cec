"""Text that reaches Typst or LaTeX, made harmless by construction.

Every string the engine did not write itself (a spec's title, statement, source and notes, a
claim's LaTeX and location, a verdict's reason and witness, which may echo the student) goes
through one function per engine before it is put in a document:

* Typst: ``typst_str`` makes it a string literal (nothing in it is markup or code);
  ``typst_text`` puts that in markup, ended by ``;`` so that nothing after it continues it.
* LaTeX: ``tex_escape`` writes every character as itself (``\\`` as ``\\textbackslash{}``,
  ``{`` as ``\\{``, …): nothing in it is a command.

Formulas pass a gate per engine, else they are shown as their escaped source:

* LaTeX (``tex_math``): only the math commands of ``TEX_COMMANDS`` (none reads or writes a
  file, defines anything or changes a catcode), environments from ``TEX_ENVIRONMENTS``,
  braces, ``\\left``/``\\right`` and environments balanced, no ``#``, ``%``, ``$`` or
  ``^^``, ``&`` and ``\\\\`` only inside an environment.
* Typst (``typst_math_ok``, on what tex2typst made of the LaTeX): no ``#``, ``$``,
  comment, backtick or ``@``; string literals well formed; every name of more than one
  letter one of Typst's math scope (``TYPST_NAMES``: symbols and layout functions; not
  ``std``, the way to the rest of Typst, nor ``text``).

``clean`` first: control characters, lone surrogates and bidirectional overrides become
U+FFFD, and text longer than ``MAX_TEXT`` is cut with a note of how much was left out.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

#: characters of one text shown; the rest is left out, and the note says how many
MAX_TEXT = 10_000
#: characters of one formula typeset; a longer one is shown as its source
MAX_FORMULA = 3_000
#: nesting of groups, \left…\right and environments in one formula
MAX_DEPTH = 40
#: how deep a formula that is typeset may nest (``nesting``): tex2typst's time doubles with
#: each level of ``\frac`` or ``\sqrt`` (45 levels: over 600 s; 12: 30 ms); the built-in
#: problems need 6
MAX_NESTING = 12
#: a run of this many characters without a space gets a break opportunity
_RUN = 30

_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e"
    "\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]"
)
_LONG_RUN = re.compile(rf"(\S{{{_RUN}}})(?=\S)")
ZWSP = "\u200b"


def clean(text: object) -> str:
    """``text`` as a string fit for any document: at most ``MAX_TEXT`` characters (and a note
    of the rest), tabs as spaces, line ends as ``\\n``; control characters, lone surrogates,
    bidirectional overrides and non-characters as U+FFFD."""
    text = str(text)
    if len(text) > MAX_TEXT:  # the note fits in MAX_TEXT: cleaning again changes nothing
        keep = MAX_TEXT - 40
        text = f"{text[:keep]} ... ({len(text) - keep} more characters)"
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _BAD_CHARS.sub("\ufffd", text)


def _breakable(text: str) -> str:
    """A zero-width space in every run of ``_RUN`` characters without a space: the line can
    break there (a run of 100 000 ``(`` would run off the page)."""
    return _LONG_RUN.sub(rf"\1{ZWSP}", text)


def split_math(text: str) -> list[tuple[bool, str]]:
    """Text with ``$…$`` math as (is math, part), cleaned."""
    return [(n % 2 == 1, part) for n, part in enumerate(clean(text).split("$")) if part]


# -- Typst -----------------------------------------------------------------------------


def typst_str(text: object, breaks: bool = False) -> str:
    """``text`` as a Typst string literal: every character shown as it is; ``breaks``: with a
    break opportunity in each long run without a space (for text that is shown)."""
    s = clean(text)
    s = _breakable(s) if breaks else s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def typst_text(text: object) -> str:
    """``text`` in Typst markup: ``#"…";`` (the ``;`` ends the expression, so a ``.`` or a
    ``(`` after it is text, not a method call)."""
    return f"#{typst_str(text, breaks=True)};"


def typst_raw(text: object) -> str:
    """``text`` in Typst markup, in monospace: how a formula is shown that is not typeset."""
    return f"#raw({typst_str(text, breaks=True)});"


def typst_convertible(tex: str) -> bool:
    """Whether a LaTeX formula may go to tex2typst at all: not too long (its time grows with
    the square of the length), no ``"`` (tex2typst copies it into a Typst string unescaped),
    nothing ``clean`` would change."""
    return (
        len(tex) <= MAX_FORMULA and '"' not in tex and clean(tex) == tex
        and nesting(tex) <= MAX_NESTING
    )  # fmt: skip


#: commands whose arguments nest: two of them, else one
_NESTING_COMMANDS = (
    "frac dfrac tfrac cfrac binom dbinom tbinom overset underset stackrel",
    """sqrt hat widehat tilde widetilde bar overline underline vec dot ddot dddot breve check
    acute grave mathring overbrace underbrace overrightarrow overleftarrow mathrm mathbf
    mathit mathsf mathtt mathcal mathbb mathfrak boldsymbol text textrm textit textbf textsf
    texttt textnormal mbox operatorname boxed substack xrightarrow xleftarrow pmod""",
)
_TWO_ARGS, _ONE_ARG = (frozenset(names.split()) for names in _NESTING_COMMANDS)
_NEST_TOKEN = re.compile(
    r"\\(left|right)(?![A-Za-z])\s*(?:\\[A-Za-z]+|\\.|.)?"  # with its delimiter
    r"|\\(begin|end)\s*(?:\{[^{}]*\})?|\\([A-Za-z]+)|\\.|(\{)|(\})|([\^_])|\S",
    re.S,
)


def nesting(tex: str) -> int:
    """How deep a LaTeX formula nests, however unbalanced: groups, ``\\left…\\right`` and
    environments one level each, and a command's argument one more unless it is a group
    (``\\sqrt\\sqrt x`` nests as deep as ``\\sqrt{\\sqrt{x}}``). Stops counting past
    ``MAX_NESTING``."""
    stack: list = []  # "g": a group; a number: the arguments a command still waits for
    deepest = 0
    for m in _NEST_TOKEN.finditer(tex):
        side, env, name, opening, closing, script = m.groups()
        if side == "left" or env == "begin" or opening:
            stack.append("g")
        elif side == "right" or env == "end" or closing:
            while stack and stack.pop() != "g":
                pass
            _argument_done(stack)
        elif name in _TWO_ARGS or name in _ONE_ARG or script:
            stack.append(2 if name in _TWO_ARGS else 1)
        else:  # a symbol, a letter, a digit
            _argument_done(stack)
        # a command reading a group as its argument: the group is the level
        depth = len(stack) - sum(a != "g" and b == "g" for a, b in itertools.pairwise(stack))
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            break
    return deepest


def _argument_done(stack: list) -> None:
    """One argument read: the command waiting for it has one fewer to wait for; a command
    with all its arguments is itself an argument of the one below."""
    while stack and stack[-1] != "g":
        stack[-1] -= 1
        if stack[-1]:
            return
        stack.pop()


#: every name in Typst's math scope (``dictionary(math)``, Typst 0.14) but ``equation`` and
#: ``text``: symbols and layout functions, none of which reads a file or evaluates code;
#: and the names of the arguments tex2typst writes (``mat(delim: "[", …)``)
_TYPST_NAMES = """
    lr mid attach stretch scripts limits accent underline overline underbrace overbrace
    underbracket overbracket underparen overparen undershell overshell cancel frac binom vec
    mat cases root class op primes abs norm round sqrt upright bold italic serif sans scr cal
    frak mono bb display inline script sscript arccos arcsin arctan arg cos cosh cot coth csc
    csch ctg deg det dim exp gcd lcm hom id im inf ker lg lim liminf limsup ln log max min mod
    Pr sec sech sin sinc sinh sup tan tanh tg tr dif Dif thin med thick quad wide AA Alpha BB
    Beta CC Chi DD Delta Digamma EE Epsilon Eta FF GG Gamma HH II Im Iota JJ KK Kappa LL Lambda
    MM Mu NN Nu OO Omega Omicron PP Phi Pi Psi QQ RR Re Rho SS Sha Sigma TT Tau Theta UU
    Upsilon VV WW XX Xi YY ZZ Zeta acute afghani aleph alpha amp and angle angstrom angzarr
    approx arrow arrowhead arrows ast asymp at backslash bag baht ballot bar because beta beth
    bitcoin bot bowtie brace bracket breve bullet caret caron cc cedi ceil cent checkmark
    chevron chi circle co colon comma complement compose control convolve copyleft copyright
    corner crossmark currency dagger daleth dash degree delta diaer diameter diamond die
    digamma div divides dollar dong dorome dot dotless dots dram earth ell ellipse emptyset
    epsilon eq equiv errorbar eta euro excl exists fence flat floor floral forall forces frown
    gamma gender gimel gradient grave gt guarani harpoon harpoons hash hat hexa hourglass
    hryvnia hyph image in infinity integral inter interleave interrobang iota join jupiter
    kappa kip lambda laplace lari lat lira lozenge lrm lt macron maltese manat mapsfrom mapsto
    mars mercury minus miny models mu multimap mustache nabla naira natural neptune not note
    nothing nu numero omega omicron oo or original parallel parallelogram paren partial pataca
    pee penta percent permille permyriad perp peso phi pi pilcrow planck plus pound power prec
    prime product prop psi qed quest quote ratio rect refmark rest rho riel riyal rlm ruble
    rupee saturn section semi sha sharp shekel shell sigma slash smash smile smt som space
    spacebar square star subset succ suit sum sun supset tack taka taman tau tenge therefore
    theta tilde times tiny togrog top trademark triangle underscore union upsilon uranus venus
    without wj won wreath xi xor yen yuan zero zeta zwj zwnj zws
    delim size gap align augment
"""
TYPST_NAMES = frozenset(_TYPST_NAMES.split())

_TYPST_PUNCT = set("+-*/=<>!?,.;:'()[]{}|&^_~ \n")


def _name_char(c: str) -> bool:
    return c.isalnum() or unicodedata.category(c)[0] == "M"


def typst_math_ok(ty: str) -> bool:
    """Whether Typst math (what tex2typst made of a formula) stays math: it can neither end
    the formula nor run code nor read a file, and every name in it is a math symbol or a
    layout function. What this cannot prove harmless is refused."""
    n, i, depth = len(ty), 0, 0
    while i < n:
        c = ty[i]
        if c == '"':  # a string literal: its text is shown, whatever it says
            i += 1
            while i < n and ty[i] != '"':
                if unicodedata.category(ty[i])[0] == "C":  # \n too
                    return False
                i += 2 if ty[i] == "\\" else 1  # as Typst reads it: \ and the next character
            if i >= n:
                return False
            i += 1
        elif c == "\\":  # an escaped character, or a line break
            if i + 1 >= n:
                return False
            m = re.compile(r"\\u\{[0-9A-Fa-f]{1,6}\}").match(ty, i)
            if m:
                i = m.end()
            elif ty[i + 1].isalnum() or unicodedata.category(ty[i + 1])[0] == "C":
                return False
            else:
                i += 2
        elif c.isalpha():
            j = i + 1
            while j < n and _name_char(ty[j]):
                j += 1
            if j - i > 1 and ty[i:j] not in TYPST_NAMES:
                return False
            while j + 1 < n and ty[j] == "." and ty[j + 1].isalpha():  # arrow.r.long
                j += 2
                while j < n and _name_char(ty[j]):
                    j += 1
            i = j
        elif c.isdigit():
            i += 1
        elif c in _TYPST_PUNCT:
            if ty.startswith(("//", "/*", "*/"), i):
                return False
            depth += c in "([{"
            depth = max(0, depth - (c in ")]}"))
            if depth > MAX_DEPTH:
                return False
            i += 1
        elif ord(c) > 127 and unicodedata.category(c)[0] not in "CZ":  # ∂, ×, …
            i += 1
        else:  # # $ ` @ % and anything else
            return False
    return True


# -- LaTeX -----------------------------------------------------------------------------

_TEX_SPECIALS = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
    "\n": " ",
    ZWSP: r"\allowbreak{}",
}

#: Unicode that specs and messages use, as math-mode LaTeX, so that the output compiles with
#: pdflatex too (which knows no ∂ or ỹ in its default fonts).
_UNICODE_MATH = {
    "∂": r"\partial", "∈": r"\in", "×": r"\times", "−": "-", "≤": r"\leq", "≥": r"\geq",
    "≠": r"\neq", "≈": r"\approx", "→": r"\to", "←": r"\leftarrow", "∞": r"\infty",
    "∇": r"\nabla", "±": r"\pm", "°": r"^{\circ}", "ᵀ": r"^{T}", "…": r"\dots", "·": r"\cdot",
    "ỹ": r"\tilde{y}", "√": r"\surd", "∑": r"\sum", "⌊": r"\lfloor", "⌋": r"\rfloor",
    "ℝ": r"\mathbb{R}", "ₙ": r"_{n}", "₁": r"_{1}", "₂": r"_{2}", "₃": r"_{3}", "²": r"^{2}",
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "η": r"\eta", "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu", "π": r"\pi",
    "σ": r"\sigma", "Δ": r"\Delta", "Σ": r"\Sigma",
}  # fmt: skip
_TEXT_UNICODE = {"’": "'", "‘": "`", "“": "``", "”": "''", "–": "--", "—": "---", " ": "~"}


def _unicode_tex(c: str, math: bool) -> str:
    """One non-ASCII character as LaTeX (math commands wrapped in ``$…$`` in text); anything
    unknown becomes its base letter (é → e) or ``?``."""
    if c in _UNICODE_MATH:
        cmd = _UNICODE_MATH[c]
        return f" {cmd} " if math else f"${cmd}$"
    if not math and c in _TEXT_UNICODE:
        return _TEXT_UNICODE[c]
    base = unicodedata.normalize("NFD", c)[0]
    return base if base.isascii() and (base.isalnum() or base in " .,;:!?'()[]-+=/<>|*") else "?"


def _tex_chars(text: str, math: bool) -> str:
    """Text (``math``: a formula) as ASCII LaTeX: in text the specials escaped; a combining
    hat after a letter (x̂) as ``\\hat``."""
    out: list[str] = []
    text = unicodedata.normalize("NFC", text)
    for n, c in enumerate(text):
        if c.isascii() or c == ZWSP:
            out.append(c if math else _TEX_SPECIALS.get(c, c))
        elif c == "\u0302" and n and text[n - 1].isascii() and text[n - 1].isalnum():
            prev = out.pop()
            out.append(rf"\hat{{{prev}}}" if math else rf"$\hat{{{prev}}}$")
        else:
            out.append(_unicode_tex(c, math))
    return "".join(out)


def tex_escape(text: object) -> str:
    """``text`` as LaTeX text in which every character is shown as itself: specials escaped,
    other Unicode as LaTeX (or ``?``), so that pdflatex, lualatex and xelatex compile it."""
    return _tex_chars(_breakable(clean(text)), math=False)


def tex_text(text: object, formula=None) -> str:
    """Text with ``$…$`` math for a LaTeX document: the text escaped, each formula as math if
    ``formula`` (``tex_math`` by default) lets it through, else as its escaped source in
    monospace."""
    out = []
    for is_math, part in split_math(str(text)):
        if not is_math:
            out.append(tex_escape(part))
            continue
        safe = (formula or tex_math)(part)
        shown = rf"{{\frenchspacing\texttt{{{tex_escape(part)}}}}}"  # as written: no wide gaps
        out.append(f"${safe}$" if safe is not None else shown)
    return "".join(out)


#: the commands a formula may use: math symbols, fonts, accents, delimiters, spacing. None of
#: them reads or writes a file, runs anything, defines anything or changes how TeX reads.
_TEX_COMMANDS = r"""
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa varkappa
    lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega
    Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega digamma varGamma varDelta
    varTheta varLambda varXi varPi varSigma varUpsilon varPhi varPsi varOmega
    pm mp times div cdot cdotp ast star circ bullet oplus ominus otimes oslash odot bigcirc
    dagger ddagger amalg cap cup uplus sqcap sqcup vee wedge setminus smallsetminus wr diamond
    bigtriangleup bigtriangledown triangleleft triangleright lhd rhd unlhd unrhd intercal
    land lor lnot neg leq le geq ge neq ne leqslant geqslant lesssim gtrsim equiv approx
    approxeq sim simeq cong propto prec succ preceq succeq ll gg subset supset subseteq
    supseteq subsetneq supsetneq sqsubseteq sqsupseteq in ni notin mid nmid parallel perp
    models vdash dashv asymp doteq bowtie smile frown triangleq
    to gets leftarrow rightarrow Leftarrow Rightarrow leftrightarrow Leftrightarrow
    longrightarrow Longrightarrow longleftarrow Longleftarrow longleftrightarrow
    Longleftrightarrow mapsto longmapsto uparrow downarrow Uparrow Downarrow updownarrow
    hookrightarrow hookleftarrow rightharpoonup leftharpoonup implies impliedby iff nearrow
    searrow swarrow nwarrow xrightarrow xleftarrow
    infty nabla partial forall exists nexists emptyset varnothing ell hbar Re Im aleph prime
    backslash angle top bot flat sharp natural surd triangle square Box checkmark dots ldots
    cdots vdots ddots dotsc dotsb dotsm dotsi colon vert Vert lvert rvert lVert rVert langle
    rangle lfloor rfloor lceil rceil lbrace rbrace lbrack rbrack imath jmath wp mho
    complement
    sum prod coprod int iint iiint oint bigcup bigcap bigoplus bigotimes bigodot bigvee
    bigwedge bigsqcup biguplus
    sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth exp log ln lg lim limsup
    liminf sup inf max min arg det dim gcd hom ker Pr deg bmod pmod
    frac dfrac tfrac cfrac binom dbinom tbinom sqrt left right middle big Big bigg Bigg bigl
    bigr Bigl Bigr biggl biggr Biggl Biggr bigm Bigm operatorname mathrm mathbf mathit mathsf
    mathtt mathcal mathbb mathfrak boldsymbol text textrm textit textbf textsf texttt
    textnormal mbox hat widehat tilde widetilde bar overline underline vec dot ddot dddot
    breve check acute grave mathring overbrace underbrace overrightarrow overleftarrow
    overset underset stackrel substack limits nolimits displaystyle textstyle scriptstyle
    scriptscriptstyle quad qquad thinspace medspace thickspace negthinspace boxed not
    begin end
"""
TEX_COMMANDS = frozenset(_TEX_COMMANDS.split())
_TEX_ENVIRONMENTS = "matrix pmatrix bmatrix Bmatrix vmatrix Vmatrix smallmatrix cases array aligned"
TEX_ENVIRONMENTS = frozenset([*_TEX_ENVIRONMENTS.split(), "gathered", "split"])
_TEX_SYMBOLS = set(",;:! {}|&%#$_") | {"\\", ">", "*", "/", "\n"}
_TEX_CHARS = set("+-*/=<>()[],.;:!?'|`\"@~&^_{} \n")
_CS = re.compile(r"\\([A-Za-z]+|.)", re.S)
_ENV_NAME = re.compile(r"\s*\{([A-Za-z]+\*?)\}")


def tex_math(tex: str) -> str | None:
    """The formula as LaTeX math (Unicode written as commands) if it is provably harmless and
    well nested, else None. See the module's docstring for what passes."""
    if len(tex) > MAX_FORMULA or clean(tex) != tex or nesting(tex) > MAX_NESTING:
        return None
    s = _tex_chars(tex, math=True).replace("\n", " ")  # a blank line would end the paragraph
    stack: list[str] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            m = _CS.match(s, i)
            if not m:
                return None
            name, i = m.group(1), m.end()
            if len(name) == 1 and not name.isalpha():
                if name not in _TEX_SYMBOLS or (name == "\\" and not _in_env(stack)):
                    return None
                continue
            if name not in TEX_COMMANDS:
                return None
            if name in ("begin", "end"):
                env = _ENV_NAME.match(s, i)
                if not env or env.group(1) not in TEX_ENVIRONMENTS:
                    return None
                i = env.end()
                if name == "begin":
                    stack.append("env:" + env.group(1))
                elif not stack or stack.pop() != "env:" + env.group(1):
                    return None
            elif name == "left":
                stack.append("left")
            elif name == "right":
                if not stack or stack.pop() != "left":
                    return None
            elif name == "middle" and "left" not in stack:
                return None
            elif name == "substack":
                stack.append("env:substack")
                m = re.compile(r"\s*\{").match(s, i)
                if not m:
                    return None
                i = m.end()
            if len(stack) > MAX_DEPTH:
                return None
            continue
        if c == "{":
            stack.append("{")
        elif c == "}":
            if not stack or stack[-1] not in ("{", "env:substack"):
                return None
            stack.pop()
        elif c == "&":
            if not _in_env(stack):
                return None
        elif s.startswith("^^", i) or (c not in _TEX_CHARS and not c.isalnum()):
            return None
        if len(stack) > MAX_DEPTH:
            return None
        i += 1
    return s if not stack else None


def _in_env(stack: list[str]) -> bool:
    return any(x.startswith("env:") for x in stack)
