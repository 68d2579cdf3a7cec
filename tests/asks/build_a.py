"""Builds asks.jsonl and README.md for the held-out `symderiv ask` set and checks every
reference against central finite differences (and autograd) of an independent forward
function.  Imports nothing from symderiv."""
import json, sys
from pathlib import Path

HERE = Path(__file__).parent
import numpy as np
import autograd.numpy as anp
from autograd import grad, jacobian, hessian

ITEMS = []

def item(id, text, wrt, kinds, of, by, ref, fwd, answer, kind="grad", shape=(), notes="",
         group="cookbook"):
    ITEMS.append(dict(id=id, text=text, wrt=list(wrt), shape=list(shape), kinds=kinds,
                      derivative_of=of, by=by, reference=ref.strip() + "\n", notes=notes,
                      _fwd=fwd, _kind=kind, _answer=answer, _group=group))

# ----------------------------------------------------------------------------------------
# Matrix Cookbook identities (20)
# ----------------------------------------------------------------------------------------
item("cb_tr_AX", r"\frac{\partial}{\partial X} \operatorname{tr}(AX)", [],
     {"A": [3, 4], "X": [4, 3]}, "tr(AX)", "X", """
import numpy as np
def ref(v):
    return v["A"].T
""", lambda v: anp.trace(v["A"] @ v["X"]), "∂tr(AX)/∂X = Aᵀ")

item("cb_tr_XtAX", r"f = \mathrm{tr}(X^T A X)", ["X"],
     {"X": [3, 2], "A": [3, 3]}, "f", "X", """
import numpy as np
def ref(v):
    A, X = v["A"], v["X"]
    return (A + A.T) @ X
""", lambda v: anp.trace(v["X"].T @ v["A"] @ v["X"]), "∂tr(XᵀAX)/∂X = (A + Aᵀ)X")

item("cb_tr_XAXt", r"\nabla_X \operatorname{tr}(X A X^\top)", [],
     {"X": [2, 3], "A": [3, 3]}, "tr(XAXᵀ)", "X", """
import numpy as np
def ref(v):
    A, X = v["A"], v["X"]
    return X @ (A + A.T)
""", lambda v: anp.trace(v["X"] @ v["A"] @ v["X"].T), "∂tr(XAXᵀ)/∂X = X(A + Aᵀ)")

item("cb_tr_X2", r"\frac{\partial}{\partial X} \operatorname{tr}(X^2)", [],
     {"X": [3, 3]}, "tr(X²)", "X", """
import numpy as np
def ref(v):
    return 2 * v["X"].T
""", lambda v: anp.trace(v["X"] @ v["X"]), "∂tr(X²)/∂X = 2Xᵀ",
     notes="X^2 means the matrix product XX (X square).")

item("cb_tr_AXtB", r"g = \operatorname{tr}(A X^\top B)", ["X"],
     {"A": [2, 3], "X": [4, 3], "B": [4, 2]}, "g", "X", """
import numpy as np
def ref(v):
    return v["B"] @ v["A"]
""", lambda v: anp.trace(v["A"] @ v["X"].T @ v["B"]), "∂tr(AXᵀB)/∂X = BA")

item("cb_det_X", r"\frac{\partial}{\partial X} \det(X)", [],
     {"X": [3, 3]}, "det(X)", "X", """
import numpy as np
def ref(v):
    X = v["X"]
    return np.linalg.det(X) * np.linalg.inv(X).T
""", lambda v: anp.linalg.det(v["X"]), "∂det(X)/∂X = det(X) X⁻ᵀ",
     notes="X invertible (tester adds n·I).")

item("cb_logdet_X", r"\nabla_X \log\det(X)", [],
     {"X": [3, 3]}, "log det(X)", "X", """
import numpy as np
def ref(v):
    return np.linalg.inv(v["X"]).T
""", lambda v: anp.log(anp.linalg.det(v["X"])), "∂log det(X)/∂X = X⁻ᵀ",
     notes="X invertible with det(X) > 0 (true for entries in [0.5,1.5] plus 3·I).")

item("cb_det_AXB", r"f = \det(A X B)", ["X"],
     {"A": [3, 3], "X": [3, 3], "B": [3, 3]}, "f", "X", """
import numpy as np
def ref(v):
    A, X, B = v["A"], v["X"], v["B"]
    M = A @ X @ B
    return np.linalg.det(M) * A.T @ np.linalg.inv(M).T @ B.T
""", lambda v: anp.linalg.det(v["A"] @ v["X"] @ v["B"]),
     "∂det(AXB)/∂X = det(AXB) Aᵀ(AXB)⁻ᵀBᵀ = det(AXB) X⁻ᵀ",
     notes="A, X, B square and invertible (tester adds n·I).")

item("cb_aXinvb", r"\frac{\partial}{\partial X} a^T X^{-1} b", [],
     {"a": [3, 1], "X": [3, 3], "b": [3, 1]}, "aᵀX⁻¹b", "X", """
import numpy as np
def ref(v):
    Xi = np.linalg.inv(v["X"])
    return -Xi.T @ v["a"] @ v["b"].T @ Xi.T
""", lambda v: (v["a"].T @ anp.linalg.inv(v["X"]) @ v["b"])[0, 0],
     "∂aᵀX⁻¹b/∂X = −X⁻ᵀabᵀX⁻ᵀ", notes="X invertible (tester adds n·I).")

item("cb_xtAx_grad", r"\nabla_{\mathbf{x}} \mathbf{x}^\top A \mathbf{x}", [],
     {"x": [3, 1], "A": [3, 3]}, "xᵀAx", "x", """
import numpy as np
def ref(v):
    A = v["A"]
    return (A + A.T) @ v["x"]
""", lambda v: (v["x"].T @ v["A"] @ v["x"])[0, 0], "∂xᵀAx/∂x = (A + Aᵀ)x",
     notes="A not symmetric in general.")

item("cb_affine_quad", r"f = (Ax + b)^T C (Dx + e)", ["x"],
     {"A": [3, 4], "x": [4, 1], "b": [3, 1], "C": [3, 2], "D": [2, 4], "e": [2, 1]},
     "f", "x", """
import numpy as np
def ref(v):
    A, x, b, C, D, e = (v[k] for k in "AxbCDe")
    return A.T @ C @ (D @ x + e) + D.T @ C.T @ (A @ x + b)
""", lambda v: ((v["A"] @ v["x"] + v["b"]).T @ v["C"] @ (v["D"] @ v["x"] + v["e"]))[0, 0],
     "∂(Ax+b)ᵀC(Dx+e)/∂x = AᵀC(Dx+e) + DᵀCᵀ(Ax+b)")

item("cb_lsq_grad", r"\frac{\partial}{\partial x}\|Ax - b\|^2", [],
     {"A": [4, 3], "x": [3, 1], "b": [4, 1]}, "‖Ax − b‖²", "x", """
import numpy as np
def ref(v):
    A = v["A"]
    return 2 * A.T @ (A @ v["x"] - v["b"])
""", lambda v: anp.sum((v["A"] @ v["x"] - v["b"]) ** 2), "∂‖Ax − b‖²/∂x = 2Aᵀ(Ax − b)")

item("cb_frob_sq", r"\nabla_X \|X\|_F^2", [],
     {"X": [3, 2]}, "‖X‖_F²", "X", """
import numpy as np
def ref(v):
    return 2 * v["X"]
""", lambda v: anp.sum(v["X"] ** 2), "∂‖X‖_F²/∂X = 2X")

item("cb_norm_x", r"r = \|\mathbf{x}\|", ["x"],
     {"x": [4, 1]}, "r", "x", """
import numpy as np
def ref(v):
    x = v["x"]
    return x / np.linalg.norm(x)
""", lambda v: anp.sqrt(anp.sum(v["x"] ** 2)), "∂‖x‖/∂x = x/‖x‖",
     notes="--wrt x targets bold x (bold x is x per the docs).")

item("cb_hess_quad", r"f = \tfrac12 x^\top A x + b^\top x + c, \frac{\partial^2 f}{\partial x \partial x^\top}", [],
     {"x": [3, 1], "A": [3, 3], "b": [3, 1], "c": [1, 1]}, "f", "x (twice)", """
import numpy as np
def ref(v):
    A = v["A"]
    return 0.5 * (A + A.T)
""", lambda v: 0.5 * (v["x"].T @ v["A"] @ v["x"])[0, 0] + (v["b"].T @ v["x"])[0, 0] + v["c"],
     "∂²f/∂x∂xᵀ = ½(A + Aᵀ)", kind="hess", notes="c is a scalar; A not symmetric in general.")

item("cb_hess_affine_quad", r"f = (Ax + b)^\top C (Dx + e) \\ \nabla^2_x f", [],
     {"A": [3, 4], "x": [4, 1], "b": [3, 1], "C": [3, 2], "D": [2, 4], "e": [2, 1]},
     "f", "x (twice)", """
import numpy as np
def ref(v):
    A, C, D = v["A"], v["C"], v["D"]
    return A.T @ C @ D + D.T @ C.T @ A
""", lambda v: ((v["A"] @ v["x"] + v["b"]).T @ v["C"] @ (v["D"] @ v["x"] + v["e"]))[0, 0],
     "∇²ₓ (Ax+b)ᵀC(Dx+e) = AᵀCD + DᵀCᵀA", kind="hess",
     notes=r"items separated by \\ .")

item("cb_tr_AXinvB", r"\frac{\partial}{\partial X}\operatorname{tr}(A X^{-1} B)", [],
     {"A": [2, 3], "X": [3, 3], "B": [3, 2]}, "tr(AX⁻¹B)", "X", """
import numpy as np
def ref(v):
    Xi = np.linalg.inv(v["X"])
    return -(Xi @ v["B"] @ v["A"] @ Xi).T
""", lambda v: anp.trace(v["A"] @ anp.linalg.inv(v["X"]) @ v["B"]),
     "∂tr(AX⁻¹B)/∂X = −(X⁻¹BAX⁻¹)ᵀ = −X⁻ᵀAᵀBᵀX⁻ᵀ", notes="X invertible (tester adds n·I).")

item("cb_tr_XtBXC", r"g = \mathrm{tr}(X^\top B X C)", ["X"],
     {"X": [3, 2], "B": [3, 3], "C": [2, 2]}, "g", "X", """
import numpy as np
def ref(v):
    X, B, C = v["X"], v["B"], v["C"]
    return B @ X @ C + B.T @ X @ C.T
""", lambda v: anp.trace(v["X"].T @ v["B"] @ v["X"] @ v["C"]),
     "∂tr(XᵀBXC)/∂X = BXC + BᵀXCᵀ")

item("cb_aXb", r"\frac{\partial}{\partial X} a^\intercal X b", [],
     {"a": [3, 1], "X": [3, 4], "b": [4, 1]}, "aᵀXb", "X", """
import numpy as np
def ref(v):
    return v["a"] @ v["b"].T
""", lambda v: (v["a"].T @ v["X"] @ v["b"])[0, 0], "∂aᵀXb/∂X = abᵀ")

item("cb_bXtXc", r"f = b^T X^T X c", ["X"],
     {"b": [3, 1], "X": [4, 3], "c": [3, 1]}, "f", "X", """
import numpy as np
def ref(v):
    b, X, c = v["b"], v["X"], v["c"]
    return X @ (b @ c.T + c @ b.T)
""", lambda v: (v["b"].T @ v["X"].T @ v["X"] @ v["c"])[0, 0], "∂bᵀXᵀXc/∂X = X(bcᵀ + cbᵀ)")

# ----------------------------------------------------------------------------------------
# Coursework derivatives (16)
# ----------------------------------------------------------------------------------------
def sig(u):
    return 1 / (1 + anp.exp(-u))

SIG = "def sig(u):\n    return 1.0 / (1.0 + np.exp(-u))\n"

def softmax(z):
    e = anp.exp(z - anp.max(z))
    return e / anp.sum(e)

SOFTMAX = "def softmax(z):\n    e = np.exp(z - np.max(z))\n    return e / np.sum(e)\n"

item("cw_sigmoid_layer_W", r"z = Wx + b, a = \sigma(z), L = \frac{1}{2}(a - y)^\top(a - y)", ["W"],
     {"W": [3, 4], "x": [4, 1], "b": [3, 1], "y": [3, 1]}, "L", "W", """
import numpy as np
""" + SIG + """
def ref(v):
    a = sig(v["W"] @ v["x"] + v["b"])
    delta = (a - v["y"]) * a * (1 - a)
    return delta @ v["x"].T
""", lambda v: 0.5 * anp.sum((sig(v["W"] @ v["x"] + v["b"]) - v["y"]) ** 2),
     "∂L/∂W = [(a − y) ⊙ a ⊙ (1 − a)] xᵀ", group="coursework")

item("cw_tanh_layer_b", r"a = \tanh(W\mathbf{x} + \mathbf{b}); L = \tfrac{1}{2}\|a - t\|^2", ["b"],
     {"W": [3, 4], "x": [4, 1], "b": [3, 1], "t": [3, 1]}, "L", "b", """
import numpy as np
def ref(v):
    a = np.tanh(v["W"] @ v["x"] + v["b"])
    return (a - v["t"]) * (1 - a ** 2)
""", lambda v: 0.5 * anp.sum((anp.tanh(v["W"] @ v["x"] + v["b"]) - v["t"]) ** 2),
     "∂L/∂b = (a − t) ⊙ (1 − a ⊙ a)", group="coursework",
     notes="--wrt b targets bold b (\\mathbf{b}).")

item("cw_softmax_ce_logits", r"p = \operatorname{softmax}(z), L = -y^\top \log(p), \frac{\partial L}{\partial z}", [],
     {"z": [4, 1], "y": [4, 1]}, "L", "z", """
import numpy as np
""" + SOFTMAX + """
def ref(v):
    p = softmax(v["z"])
    return p * np.sum(v["y"]) - v["y"]
""", lambda v: -anp.sum(v["y"] * anp.log(softmax(v["z"]))),
     "∂L/∂z = p(1ᵀy) − y, i.e. p − y for a one-hot / probability target y", group="coursework",
     notes="Test inputs make y NOT sum to 1, so the general answer p·(1ᵀy) − y is the reference.")

item("cw_logreg_grad", r"p = \sigma(Xw), L = -y^\top \log p - (\mathbf{1} - y)^\top \log(\mathbf{1} - p)", ["w"],
     {"X": [5, 3], "w": [3, 1], "y": [5, 1]}, "L", "w", """
import numpy as np
""" + SIG + """
def ref(v):
    p = sig(v["X"] @ v["w"])
    return v["X"].T @ (p - v["y"])
""", lambda v: -anp.sum(v["y"] * anp.log(sig(v["X"] @ v["w"])))
                - anp.sum((1 - v["y"]) * anp.log(1 - sig(v["X"] @ v["w"]))),
     "∇_w L = Xᵀ(σ(Xw) − y)", group="coursework",
     notes="Identity holds for any y (entries in [0.5,1.5] are fine).")

item("cw_logreg_hessian", r"J = \mathbf{1}^\top \log(\mathbf{1} + \exp(Xw)) - y^\top X w, \nabla^2_w J", [],
     {"X": [5, 3], "w": [3, 1], "y": [5, 1]}, "J", "w (twice)", """
import numpy as np
""" + SIG + """
def ref(v):
    X = v["X"]
    p = sig(X @ v["w"])
    return X.T @ np.diag((p * (1 - p)).ravel()) @ X
""", lambda v: anp.sum(anp.log(1 + anp.exp(v["X"] @ v["w"]))) - (v["y"].T @ v["X"] @ v["w"])[0, 0],
     "∇²_w J = Xᵀ diag(σ(Xw) ⊙ (1 − σ(Xw))) X", kind="hess", group="coursework",
     notes="Logistic-regression negative log-likelihood in softplus form.")

item("cw_ridge_beta", r"J = \frac{1}{2}\|X\beta - y\|^2 + \frac{\lambda}{2}\|\beta\|^2", [r"\beta"],
     {"X": [5, 3], "\\beta": [3, 1], "y": [5, 1], "\\lambda": [1, 1]}, "J", "β", """
import numpy as np
def ref(v):
    X, beta = v["X"], v["\\\\beta"]
    return X.T @ (X @ beta - v["y"]) + v["\\\\lambda"] * beta
""", lambda v: 0.5 * anp.sum((v["X"] @ v["\\beta"] - v["y"]) ** 2) + 0.5 * v["\\lambda"] * anp.sum(v["\\beta"] ** 2),
     "∇_β J = Xᵀ(Xβ − y) + λβ", shape=[r"\beta: p"], group="coursework",
     notes="β is the coefficient VECTOR (pinned with --shape, since Greek defaults to scalar); λ scalar.")

item("cw_two_layer_W1", r"h = \sigma(W^{(1)} x + b^{(1)}), \hat y = W^{(2)} h + b^{(2)}, L = \tfrac12\|\hat y - y\|^2", ["W^{(1)}"],
     {"W^{(1)}": [3, 4], "x": [4, 1], "b^{(1)}": [3, 1], "W^{(2)}": [2, 3], "b^{(2)}": [2, 1], "y": [2, 1]},
     "L", "W^{(1)}", """
import numpy as np
""" + SIG + """
def ref(v):
    W1, b1, W2, b2, x, y = v["W^{(1)}"], v["b^{(1)}"], v["W^{(2)}"], v["b^{(2)}"], v["x"], v["y"]
    h = sig(W1 @ x + b1)
    yhat = W2 @ h + b2
    delta = (W2.T @ (yhat - y)) * h * (1 - h)
    return delta @ x.T
""", lambda v: 0.5 * anp.sum((v["W^{(2)}"] @ sig(v["W^{(1)}"] @ v["x"] + v["b^{(1)}"]) + v["b^{(2)}"] - v["y"]) ** 2),
     "∂L/∂W⁽¹⁾ = [(W⁽²⁾ᵀ(ŷ − y)) ⊙ h ⊙ (1 − h)] xᵀ", group="coursework")

item("cw_tanh_jacobian_x", r"y = \tanh(Wx + b), \frac{\partial y}{\partial x}", [],
     {"W": [3, 4], "x": [4, 1], "b": [3, 1]}, "y", "x", """
import numpy as np
def ref(v):
    y = np.tanh(v["W"] @ v["x"] + v["b"])
    return np.diag((1 - y ** 2).ravel()) @ v["W"]
""", lambda v: anp.tanh(v["W"] @ v["x"] + v["b"]),
     "∂y/∂x = diag(1 − y ⊙ y) W (3×4 Jacobian)", kind="jac", group="coursework")

item("cw_multi_ridge_W", r"L = \tfrac{1}{2}\|XW - Y\|_F^2 + \tfrac{\lambda}{2}\|W\|_F^2", ["W"],
     {"X": [5, 3], "W": [3, 2], "Y": [5, 2], "\\lambda": [1, 1]}, "L", "W", """
import numpy as np
def ref(v):
    X, W = v["X"], v["W"]
    return X.T @ (X @ W - v["Y"]) + v["\\\\lambda"] * W
""", lambda v: 0.5 * anp.sum((v["X"] @ v["W"] - v["Y"]) ** 2) + 0.5 * v["\\lambda"] * anp.sum(v["W"] ** 2),
     "∂L/∂W = Xᵀ(XW − Y) + λW (weight decay term gives λW)", group="coursework")

item("cw_softmax_jacobian", r"s = \operatorname{softmax}(z), \frac{\partial s}{\partial z}", [],
     {"z": [4, 1]}, "s", "z", """
import numpy as np
""" + SOFTMAX + """
def ref(v):
    s = softmax(v["z"])
    return np.diag(s.ravel()) - s @ s.T
""", lambda v: softmax(v["z"]), "∂s/∂z = diag(s) − ssᵀ", kind="jac", group="coursework")

item("cw_swish_jacobian", r"\mathbf{y} = \mathbf{x} \odot \sigma(\mathbf{x}), \frac{\partial \mathbf{y}}{\partial \mathbf{x}}", [],
     {"x": [4, 1]}, "y", "x", """
import numpy as np
""" + SIG + """
def ref(v):
    x = v["x"]
    s = sig(x)
    return np.diag((s + x * s * (1 - s)).ravel())
""", lambda v: v["x"] * sig(v["x"]), "∂y/∂x = diag(σ(x) + x ⊙ σ(x) ⊙ (1 − σ(x)))",
     kind="jac", group="coursework", notes="SiLU/swish activation; Jacobian is diagonal.")

item("cw_linear_softmax_ce_W", r"z = Wx + b, p = \operatorname{softmax}(z), L = -y^\top \ln p", ["W"],
     {"W": [4, 3], "x": [3, 1], "b": [4, 1], "y": [4, 1]}, "L", "W", """
import numpy as np
""" + SOFTMAX + """
def ref(v):
    p = softmax(v["W"] @ v["x"] + v["b"])
    y = v["y"]
    return (p * np.sum(y) - y) @ v["x"].T
""", lambda v: -anp.sum(v["y"] * anp.log(softmax(v["W"] @ v["x"] + v["b"]))),
     "∂L/∂W = (p(1ᵀy) − y) xᵀ, i.e. (p − y)xᵀ for a one-hot y", group="coursework",
     notes="Test inputs make y NOT sum to 1, so the general answer is the reference.")

item("cw_logistic_single_w", r"p = \sigma(w^\top x + b), L = -y \log p - (1 - y)\log(1 - p)", ["w"],
     {"w": [4, 1], "x": [4, 1], "b": [1, 1], "y": [1, 1]}, "L", "w", """
import numpy as np
""" + SIG + """
def ref(v):
    p = sig((v["w"].T @ v["x"])[0, 0] + v["b"])
    return (p - v["y"]) * v["x"]
""", lambda v: (lambda p: -v["y"] * anp.log(p) - (1 - v["y"]) * anp.log(1 - p))(
        sig((v["w"].T @ v["x"])[0, 0] + v["b"])),
     "∂L/∂w = (p − y) x", shape=["y: scalar"], group="coursework",
     notes="Single example: y is a scalar label (pinned), b a scalar bias.")

item("cw_input_grad_unicode", "L = ‖σ(Wx) − t‖²", ["x"],
     {"W": [3, 4], "x": [4, 1], "t": [3, 1]}, "L", "x", """
import numpy as np
""" + SIG + """
def ref(v):
    s = sig(v["W"] @ v["x"])
    return 2 * v["W"].T @ ((s - v["t"]) * s * (1 - s))
""", lambda v: anp.sum((sig(v["W"] @ v["x"]) - v["t"]) ** 2),
     "∂L/∂x = 2Wᵀ[(σ(Wx) − t) ⊙ σ(Wx) ⊙ (1 − σ(Wx))]", group="coursework",
     notes="Written with Unicode ‖ σ − ²; gradient w.r.t. the network input.")

item("cw_ridge_hessian", r"\nabla^2_w \left(\|Xw - y\|^2 + \lambda\|w\|^2\right)", [],
     {"X": [5, 3], "w": [3, 1], "y": [5, 1], "\\lambda": [1, 1]}, "expr", "w (twice)", """
import numpy as np
def ref(v):
    X = v["X"]
    return 2 * X.T @ X + 2 * v["\\\\lambda"] * np.eye(X.shape[1])
""", lambda v: anp.sum((v["X"] @ v["w"] - v["y"]) ** 2) + v["\\lambda"] * anp.sum(v["w"] ** 2),
     "∇²_w = 2XᵀX + 2λI", kind="hess", group="coursework")

item("cw_logsumexp_grad", r"f = \log(\mathbf{1}^\top e^{z})", ["z"],
     {"z": [4, 1]}, "f", "z", """
import numpy as np
""" + SOFTMAX + """
def ref(v):
    return softmax(v["z"])
""", lambda v: anp.log(anp.sum(anp.exp(v["z"]))), "∂ log(1ᵀeᶻ)/∂z = softmax(z)",
     group="coursework")

# ----------------------------------------------------------------------------------------
# Checking
# ----------------------------------------------------------------------------------------
def draw(kinds, rng):
    v = {}
    for name, (r, c) in kinds.items():
        if (r, c) == (1, 1):
            v[name] = float(rng.uniform(0.5, 1.5))
        else:
            a = rng.uniform(0.5, 1.5, size=(r, c))
            if r == c:
                a = a + r * np.eye(r)
            v[name] = a
    return v

def var_name(it):
    if it["wrt"]:
        w = it["wrt"][0]
        return w
    return {"cb_tr_AX": "X", "cb_tr_XAXt": "X", "cb_tr_X2": "X", "cb_det_X": "X",
            "cb_logdet_X": "X", "cb_aXinvb": "X", "cb_xtAx_grad": "x", "cb_lsq_grad": "x",
            "cb_frob_sq": "X", "cb_hess_quad": "x", "cb_hess_affine_quad": "x",
            "cb_tr_AXinvB": "X", "cb_aXb": "X", "cw_softmax_ce_logits": "z",
            "cw_logreg_hessian": "w", "cw_tanh_jacobian_x": "x", "cw_softmax_jacobian": "z",
            "cw_swish_jacobian": "x", "cw_ridge_hessian": "w"}[it["id"]]

def fd_grad(f, v, key, h=1e-6):
    x0 = np.array(v[key], dtype=float)
    out0 = np.asarray(f(v), dtype=float)
    res = np.zeros(out0.shape + x0.shape)
    for idx in np.ndindex(x0.shape):
        xp = x0.copy(); xp[idx] += h
        xm = x0.copy(); xm[idx] -= h
        vp = dict(v); vp[key] = xp
        vm = dict(v); vm[key] = xm
        res[(Ellipsis,) + idx] = (np.asarray(f(vp), float) - np.asarray(f(vm), float)) / (2 * h)
    return res

def fd_hess(f, v, key, h=1e-4):
    x0 = np.array(v[key], dtype=float).ravel()
    n = x0.size
    shp = np.shape(v[key])
    H = np.zeros((n, n))
    def F(x):
        vv = dict(v); vv[key] = x.reshape(shp); return float(f(vv))
    for i in range(n):
        for j in range(n):
            ei = np.zeros(n); ei[i] = h
            ej = np.zeros(n); ej[j] = h
            H[i, j] = (F(x0 + ei + ej) - F(x0 + ei - ej) - F(x0 - ei + ej) + F(x0 - ei - ej)) / (4 * h * h)
    return H

def check(it, rng, trials=5):
    ns = {}
    exec(it["reference"], ns)
    ref = ns["ref"]
    key = var_name(it)
    assert key in it["kinds"], (it["id"], key)
    worst = 0.0
    for _ in range(trials):
        v = draw(it["kinds"], rng)
        R = np.asarray(ref(dict(v)), dtype=float)
        f = it["_fwd"]
        if it["_kind"] == "grad":
            expect_shape = tuple(it["kinds"][key]) if it["kinds"][key] != [1, 1] else ()
            F = fd_grad(f, v, key)
            # autograd cross-check
            A = grad(lambda x: f({**v, key: x}))(np.array(v[key], float))
            tol_fd = 1e-6
        elif it["_kind"] == "jac":
            m = np.asarray(f(v)).shape[0]
            n = it["kinds"][key][0]
            expect_shape = (m, n)
            F = fd_grad(f, v, key).reshape(m, n)
            A = jacobian(lambda x: f({**v, key: x}))(np.array(v[key], float)).reshape(m, n)
            tol_fd = 1e-6
        else:
            n = it["kinds"][key][0]
            expect_shape = (n, n)
            F = fd_hess(f, v, key)
            A = hessian(lambda x: f({**v, key: x}))(np.array(v[key], float)).reshape(n, n)
            tol_fd = 1e-4
        assert R.shape == expect_shape, (it["id"], R.shape, expect_shape)
        scale = max(1.0, np.abs(R).max())
        e_fd = np.abs(R - F.reshape(R.shape)).max() / scale
        e_ad = np.abs(R - np.asarray(A).reshape(R.shape)).max() / scale
        if e_fd > tol_fd or e_ad > 1e-9:
            raise AssertionError(f"{it['id']}: fd err {e_fd:.2e}, autograd err {e_ad:.2e}")
        worst = max(worst, e_fd)
    return worst

def main():
    rng = np.random.default_rng(12345)
    ids = [it["id"] for it in ITEMS]
    assert len(ids) == len(set(ids))
    ok = True
    for it in ITEMS:
        # structural sanity: one derivative per item
        assert len(it["wrt"]) <= 1
        try:
            w = check(it, rng)
            print(f"PASS {it['id']:28s} max rel fd err {w:.1e}")
        except Exception as e:
            ok = False
            print(f"FAIL {it['id']}: {e!r}")
    n_cb = sum(it["_group"] == "cookbook" for it in ITEMS)
    n_cw = sum(it["_group"] == "coursework" for it in ITEMS)
    print(f"{len(ITEMS)} items: {n_cb} cookbook, {n_cw} coursework")
    if not ok:
        sys.exit(1)
    with open(HERE / "asks_a.jsonl", "w", encoding="utf-8") as fh:
        for it in ITEMS:
            rec = {k: it[k] for k in ("id", "text", "wrt", "shape", "kinds", "derivative_of",
                                      "by", "reference", "notes")}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(HERE / "README_a.md", "w", encoding="utf-8") as fh:
        fh.write("# Held-out `symderiv ask` items\n\n")
        fh.write(f"{len(ITEMS)} items ({n_cb} Matrix Cookbook identities, {n_cw} coursework "
                 "derivatives). References are checked by `build_and_check.py` against central "
                 "finite differences and autograd of an independent forward function "
                 "(inputs in [0.5, 1.5], square matrices + n·I).\n\n")
        for it in ITEMS:
            how = f" --wrt {it['wrt'][0]}" if it["wrt"] else ""
            pins = "".join(f" --shape '{s}'" for s in it["shape"])
            fh.write(f"- `{it['id']}` ({it['_group']}): `{it['text']}`{how}{pins} — {it['_answer']}\n")

def recheck_written():
    """Re-read asks.jsonl and re-run every written reference (not the in-memory one)
    against the finite-difference check, so the file on disk is what was verified."""
    rng = np.random.default_rng(777)
    by_id = {it["id"]: it for it in ITEMS}
    with open(HERE / "asks_a.jsonl", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    assert len(recs) == len(ITEMS)
    for rec in recs:
        it = dict(by_id[rec["id"]])
        it.update(rec)          # reference / kinds / wrt exactly as written on disk
        check(it, rng)
    print(f"re-checked {len(recs)} references as written in asks.jsonl: all pass")

if __name__ == "__main__":
    main()
    recheck_written()
