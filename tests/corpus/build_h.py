"""Held-out answer set H for symderiv's answer checker.

NumPy only. Every label is computed here: each target has an independent reference written
from the problem statement (hand-derived, checked against central finite differences of a
forward pass, or against a direct simulation / brute-force sum); each answer has a NumPy
function giving what it computes; label = right iff that function equals the reference at
every random point, every size and every index (np.allclose rtol 1e-7, atol 1e-9).
"""
import json, math, os, sys
from types import SimpleNamespace as NS
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "answers_h.jsonl")
RTOL, ATOL = 1e-7, 1e-9
sig = lambda u: 1.0 / (1.0 + np.exp(-u))
dsig = lambda u: sig(u) * (1 - sig(u))
erf = np.vectorize(math.erf)
Phi = lambda u: 0.5 * (1 + erf(u / math.sqrt(2)))
phi = lambda u: np.exp(-u ** 2 / 2) / math.sqrt(2 * math.pi)


def fd(f, arr, h=1e-6):
    """central differences of f (array-valued) with respect to every entry of arr (in place)."""
    base = np.asarray(f())
    out = np.zeros(base.shape + arr.shape)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]
        arr[idx] = old + h; fp = np.asarray(f())
        arr[idx] = old - h; fm = np.asarray(f())
        arr[idx] = old
        out[(Ellipsis,) + idx] = (fp - fm) / (2 * h)
    return out


def close_fd(a, b, tol=1e-5):
    a, b = np.asarray(a, float), np.asarray(b, float)
    assert a.shape == b.shape, (a.shape, b.shape)
    assert np.allclose(a, b, rtol=tol, atol=tol), np.max(np.abs(a - b))


P = {}  # problem -> dict(make, sizes, refs, check)

# ---------------------------------------------------------------- exercise13
def mk_ex13(rng, s):
    n, m = s
    e = NS(n=n, m=m, W=rng.normal(size=(n, m)), x=rng.normal(size=m), b=rng.normal(size=n))
    e.I = np.eye(n)
    e.yt = e.W @ e.x + e.b; e.y = sig(e.yt); e.sp = dsig(e.yt)
    return e
def ck_ex13(e):
    fwd = lambda: sig(e.W @ e.x + e.b)
    close_fd(fd(fwd, e.W), P["exercise13"]["refs"]["dy_dW"](e))
    close_fd(fd(fwd, e.x), P["exercise13"]["refs"]["dy_dx"](e))
    close_fd(fd(fwd, e.x), P["exercise13"]["refs"]["dy_dx_matrix"](e))
    close_fd(fd(fwd, e.W), P["exercise13"]["refs"]["dyk_dW_matrix"](e))
P["exercise13"] = dict(make=mk_ex13, sizes=[(4, 3), (2, 5), (3, 3)], check=ck_ex13, refs=dict(
    dy_dW=lambda e: e.sp[:, None, None] * e.I[:, :, None] * e.x[None, None, :],   # [k,i,j]
    dy_dx=lambda e: e.sp[:, None] * e.W,                                         # [k,i]
    dy_dx_matrix=lambda e: np.diag(e.sp) @ e.W,
    dyk_dW_matrix=lambda e: np.stack([e.sp[k] * np.outer(e.I[k], e.x) for k in range(e.n)]),  # [k] -> n x m
))

# ---------------------------------------------------------------- softmax_ce
def softmax(z):
    q = np.exp(z - z.max()); return q / q.sum()
def mk_sce(rng, K):
    e = NS(K=K, z=rng.normal(size=K)); y = rng.random(K); e.y = y / y.sum()
    e.p = softmax(e.z); e.I = np.eye(K); return e
def ck_sce(e):
    close_fd(fd(lambda: softmax(e.z), e.z), P["softmax_ce"]["refs"]["dp_dz"](e))
    close_fd(fd(lambda: softmax(e.z), e.z), P["softmax_ce"]["refs"]["dp_dz_matrix"](e))
    close_fd(fd(lambda: -np.sum(e.y * np.log(softmax(e.z))), e.z), P["softmax_ce"]["refs"]["dL_dz"](e))
P["softmax_ce"] = dict(make=mk_sce, sizes=[3, 5, 2], check=ck_sce, refs=dict(
    dp_dz=lambda e: e.p[:, None] * (e.I - e.p[None, :]),        # [k,i]
    dp_dz_matrix=lambda e: np.diag(e.p) - np.outer(e.p, e.p),
    dL_dz=lambda e: e.p - e.y,
))

# ---------------------------------------------------------------- mlp2
def mk_mlp(rng, s):
    m, n, c = s
    e = NS(m=m, n=n, c=c, x=rng.normal(size=m), W1=rng.normal(size=(n, m)), b1=rng.normal(size=n),
           W2=rng.normal(size=(c, n)), b2=rng.normal(size=c), t=rng.normal(size=c))
    fwd_mlp(e); return e
def fwd_mlp(e):
    e.a = e.W1 @ e.x + e.b1; e.h = np.maximum(0, e.a); e.o = e.W2 @ e.h + e.b2
    e.ind = (e.a > 0).astype(float)
    return 0.5 * np.sum((e.o - e.t) ** 2)
def ck_mlp(e):
    f = lambda: fwd_mlp(e)
    assert np.min(np.abs(e.a)) > 1e-4
    R = P["mlp2"]["refs"]
    close_fd(fd(f, e.W1), R["dL_dW1"](e)); fwd_mlp(e)
    close_fd(fd(f, e.W1), R["dL_dW1_matrix"](e)); fwd_mlp(e)
    close_fd(fd(f, e.b2), R["dL_db2"](e)); fwd_mlp(e)
P["mlp2"] = dict(make=mk_mlp, sizes=[(3, 4, 2), (2, 3, 3), (4, 4, 4)], check=ck_mlp, refs=dict(
    dL_dW1=lambda e: (e.ind * (e.W2.T @ (e.o - e.t)))[:, None] * e.x[None, :],
    dL_dW1_matrix=lambda e: np.outer(e.ind * (e.W2.T @ (e.o - e.t)), e.x),
    dL_db2=lambda e: e.o - e.t,
))

# ---------------------------------------------------------------- layernorm
def mk_ln(rng, n):
    e = NS(n=n, x=rng.normal(size=n), gamma=rng.normal(), beta=rng.normal(), eps=rng.uniform(0.1, 0.6),
           G=rng.normal(size=n))  # G = dL/dy (L = G . y)
    fwd_ln(e); return e
def fwd_ln(e):
    e.mu = e.x.mean(); e.var = np.mean((e.x - e.mu) ** 2); e.xh = (e.x - e.mu) / np.sqrt(e.var + e.eps)
    e.y = e.gamma * e.xh + e.beta; return np.dot(e.G, e.y)
def ck_ln(e):
    R = P["layernorm"]["refs"]
    close_fd(fd(lambda: fwd_ln(e), e.x), R["dL_dx"](e)); fwd_ln(e)
    g = np.array([e.gamma])
    def f():
        e.gamma = g[0]; return fwd_ln(e)
    close_fd(fd(f, g)[0], R["dL_dgamma"](e)); fwd_ln(e)
P["layernorm"] = dict(make=mk_ln, sizes=[3, 5, 8], check=ck_ln, refs=dict(
    dL_dx=lambda e: e.gamma / np.sqrt(e.var + e.eps) * (e.G - e.G.mean() - e.xh * np.mean(e.G * e.xh)),
    dL_dgamma=lambda e: np.sum(e.G * e.xh),
))

# ---------------------------------------------------------------- rmsnorm
def mk_rms(rng, n):
    e = NS(n=n, x=rng.normal(size=n), g=rng.normal(size=n), eps=rng.uniform(0.1, 0.6), G=rng.normal(size=n))
    e.I = np.eye(n); fwd_rms(e); return e
def fwd_rms(e):
    e.r = np.sqrt(np.mean(e.x ** 2) + e.eps); e.y = e.g * e.x / e.r; return e.y
def ck_rms(e):
    R = P["rmsnorm"]["refs"]
    close_fd(fd(lambda: fwd_rms(e), e.x), R["dy_dx"](e)); fwd_rms(e)
    close_fd(fd(lambda: np.dot(e.G, fwd_rms(e)), e.x), R["dL_dx"](e)); fwd_rms(e)
P["rmsnorm"] = dict(make=mk_rms, sizes=[3, 4, 7], check=ck_rms, refs=dict(
    dy_dx=lambda e: e.g[:, None] * (e.I / e.r - np.outer(e.x, e.x) / (e.n * e.r ** 3)),   # [j,i]
    dL_dx=lambda e: e.g * e.G / e.r - e.x * np.sum(e.G * e.g * e.x) / (e.n * e.r ** 3),
))

# ---------------------------------------------------------------- momentum
def mk_mom(rng, _):
    return NS(g=rng.normal(), mu=rng.uniform(0.1, 0.9), eta=rng.uniform(0.05, 1.0), theta0=rng.normal(),
              t=np.arange(0, 16))
def sim_mom(e, T, nesterov=False):
    v, th, vs, ths = 0.0, e.theta0, [0.0], [e.theta0]
    for _ in range(T):
        v = e.mu * v + e.g
        th = th - e.eta * ((e.g + e.mu * v) if nesterov else v)
        vs.append(v); ths.append(th)
    return np.array(vs), np.array(ths)
def ck_mom(e):
    pass  # references below are the simulation itself
P["momentum"] = dict(make=mk_mom, sizes=[None], check=ck_mom, refs=dict(
    v_closed=lambda e: sim_mom(e, 15)[0],
    theta_closed=lambda e: sim_mom(e, 15)[1],
    v_limit=lambda e: sim_mom(e, 4000)[0][-1],
))

# ---------------------------------------------------------------- hw3_4a (Adam)
def mk_adam(rng, _):
    e = NS(b1=rng.uniform(0.5, 0.95), b2=rng.uniform(0.6, 0.99), alpha=rng.uniform(0.01, 1.0),
           eps=rng.uniform(0.05, 0.5), t=int(rng.integers(1, 9)), m_prev=rng.normal(), v_prev=rng.uniform(0.01, 2.0),
           gt=rng.normal(), theta_prev=rng.normal(), gs=rng.normal(size=8))
    # Algorithm 1 of Kingma & Ba, one step:
    e.m = e.b1 * e.m_prev + (1 - e.b1) * e.gt
    e.v = e.b2 * e.v_prev + (1 - e.b2) * e.gt ** 2
    e.mh = e.m / (1 - e.b1 ** e.t); e.vh = e.v / (1 - e.b2 ** e.t)
    e.T = np.arange(1, 9)
    return e
def sim_v(e):
    v, out = 0.0, []
    for gk in e.gs:
        v = e.b2 * v + (1 - e.b2) * gk * gk; out.append(v)
    return np.array(out)
def adam_step(e):
    m = e.b1 * e.m_prev + (1 - e.b1) * e.gt
    v = e.b2 * e.v_prev + (1 - e.b2) * e.gt * e.gt
    return e.theta_prev - e.alpha * (m / (1 - e.b1 ** e.t)) / (math.sqrt(v / (1 - e.b2 ** e.t)) + e.eps)
P["hw3_4a"] = dict(make=mk_adam, sizes=[None], check=lambda e: None, refs=dict(
    m_update=lambda e: e.b1 * e.m_prev + (1 - e.b1) * e.gt,
    v_unrolled=sim_v,
    theta_update=adam_step,
))

# ---------------------------------------------------------------- conv1d_backward
def mk_conv(rng, s):
    N, K = s
    e = NS(N=N, K=K, x=rng.normal(size=N), w=rng.normal(size=K), G=rng.normal(size=N - K + 1))
    return e
def fwd_conv(e):
    return np.array([sum(e.w[l] * e.x[k + l] for l in range(e.K)) for k in range(e.N - e.K + 1)])
def ck_conv(e):
    R = P["conv1d_backward"]["refs"]
    close_fd(fd(lambda: np.dot(e.G, fwd_conv(e)), e.w), R["dL_dw"](e))
    close_fd(fd(lambda: np.dot(e.G, fwd_conv(e)), e.x), R["dL_dx"](e))
def conv_dw_bf(e):  # brute force: accumulate every product into its weight
    out = np.zeros(e.K)
    for k in range(e.N - e.K + 1):
        for l in range(e.K):
            out[l] += e.G[k] * e.x[k + l]
    return out
def conv_dx_bf(e):
    out = np.zeros(e.N)
    for k in range(e.N - e.K + 1):
        for l in range(e.K):
            out[k + l] += e.G[k] * e.w[l]
    return out
P["conv1d_backward"] = dict(make=mk_conv, sizes=[(6, 3), (5, 5), (7, 1), (8, 4), (4, 2)], check=ck_conv,
                            refs=dict(dL_dw=conv_dw_bf, dL_dx=conv_dx_bf))
# 1-based accessors for answers; out of range = 0 (only wrong answers ever reach out of range)
X1 = lambda e, j: e.x[j - 1] if 1 <= j <= e.N else 0.0
W1_ = lambda e, l: e.w[l - 1] if 1 <= l <= e.K else 0.0
G1 = lambda e, k: e.G[k - 1] if 1 <= k <= e.N - e.K + 1 else 0.0
Xstrict = lambda e, j: e.x[j - 1]
Wstrict = lambda e, l: e.w[l - 1]
Gstrict = lambda e, k: e.G[k - 1]

# ---------------------------------------------------------------- hw3_2ab
def mk_fir(rng, L):
    return NS(L=L, n=np.arange(-4, 30))
def fir_bf(e):
    x = lambda i: 1.0 if 0 <= i <= e.L - 1 else 0.0
    h = lambda i: 0.5 ** i if i >= 0 else 0.0
    return np.array([sum(x(i) * h(n - i) for i in range(-10, 60)) for n in e.n])
P["hw3_2ab"] = dict(make=mk_fir, sizes=[1, 2, 3, 4, 6, 9], check=lambda e: None, refs=dict(y=fir_bf))
def pw(e, f):  # evaluate a piecewise answer at each integer n
    return np.array([f(int(n), e.L) for n in e.n], dtype=float)

# ---------------------------------------------------------------- gelu_silu
def mk_act(rng, _):
    return NS(u=np.concatenate([rng.normal(size=6) * 2, [0.3, -1.7, 2.5]]))
def ck_act(e):
    R = P["gelu_silu"]["refs"]
    close_fd(np.diag(fd(lambda: e.u * Phi(e.u), e.u)), R["dgelu_du"](e))
    close_fd(np.diag(fd(lambda: e.u * sig(e.u), e.u)), R["dsilu_du"](e))
P["gelu_silu"] = dict(make=mk_act, sizes=[None], check=ck_act, refs=dict(
    dgelu_du=lambda e: Phi(e.u) + e.u * phi(e.u),
    dsilu_du=lambda e: sig(e.u) + e.u * dsig(e.u),
))

# ---------------------------------------------------------------- logreg_hessian
def mk_lrh(rng, s):
    N, d = s
    e = NS(N=N, d=d, X=rng.normal(size=(N, d)), w=rng.normal(size=d) * 0.7, y=(rng.random(N) < 0.5).astype(float))
    e.s = e.X @ e.w; e.p = sig(e.s); return e
def lrh_loss(e):
    p = sig(e.X @ e.w); return -np.sum(e.y * np.log(p) + (1 - e.y) * np.log(1 - p))
def ck_lrh(e):
    R = P["logreg_hessian"]["refs"]
    close_fd(fd(lambda: lrh_loss(e), e.w), R["dL_dw_vec"](e))
    grad = lambda: e.X.T @ (sig(e.X @ e.w) - e.y)
    close_fd(fd(grad, e.w), R["hess_matrix"](e))
P["logreg_hessian"] = dict(make=mk_lrh, sizes=[(5, 3), (2, 4), (3, 3)], check=ck_lrh, refs=dict(
    dL_dw_vec=lambda e: e.X.T @ (e.p - e.y),
    hess_matrix=lambda e: e.X.T @ np.diag(e.p * (1 - e.p)) @ e.X,
))

# ---------------------------------------------------------------- ridge
def mk_ridge(rng, s):
    N, d = s
    e = NS(N=N, d=d, X=rng.normal(size=(N, d)), y=rng.normal(size=N), w=rng.normal(size=d), lam=rng.uniform(0.2, 2.0))
    e.r = e.X @ e.w - e.y; e.Id = np.eye(d); e.IN = np.eye(N); return e
def ck_ridge(e):
    R = P["ridge"]["refs"]
    Lf = lambda: np.sum((e.X @ e.w - e.y) ** 2) + e.lam * np.sum(e.w ** 2)
    close_fd(fd(Lf, e.w), R["dL_dw_vec"](e))
    ws = R["w_star"](e); w0 = e.w.copy(); e.w[:] = ws
    assert np.allclose(fd(Lf, e.w), 0, atol=1e-5)  # stationary point of the ridge loss
    e.w[:] = w0
P["ridge"] = dict(make=mk_ridge, sizes=[(5, 3), (2, 4), (3, 3)], check=ck_ridge, refs=dict(
    dL_dw_vec=lambda e: 2 * e.X.T @ (e.X @ e.w - e.y) + 2 * e.lam * e.w,
    w_star=lambda e: np.linalg.solve(e.X.T @ e.X + e.lam * e.Id, e.X.T @ e.y),
))

# ---------------------------------------------------------------- gaussian_mle
def mk_gm(rng, N):
    e = NS(N=N, x=rng.normal(size=N) * 1.5 + 0.3, mu=rng.normal(), var=rng.uniform(0.3, 3.0))
    e.muh = e.x.mean(); return e
def loglik(x, mu, var):
    return -len(x) / 2 * np.log(2 * np.pi * var) - np.sum((x - mu) ** 2) / (2 * var)
def ck_gm(e):
    R = P["gaussian_mle"]["refs"]
    v = np.array([e.var])
    close_fd(fd(lambda: loglik(e.x, e.mu, v[0]), v)[0], R["dl_dvar"](e))
    vh = np.array([R["var_hat"](e)])
    assert abs(fd(lambda: loglik(e.x, e.muh, vh[0]), vh)[0]) < 1e-6
    mh = np.array([e.muh])
    assert abs(fd(lambda: loglik(e.x, mh[0], vh[0]), mh)[0]) < 1e-6
P["gaussian_mle"] = dict(make=mk_gm, sizes=[2, 5, 9], check=ck_gm, refs=dict(
    dl_dvar=lambda e: -e.N / (2 * e.var) + np.sum((e.x - e.mu) ** 2) / (2 * e.var ** 2),
    var_hat=lambda e: np.mean((e.x - e.x.mean()) ** 2),
))

# ---------------------------------------------------------------- softmax_temperature
def mk_st(rng, K):
    e = NS(K=K, z=rng.normal(size=K) * 1.5, T=rng.uniform(0.3, 3.0), eps=rng.uniform(0.05, 0.4))
    e.y = np.zeros(K); e.y[rng.integers(K)] = 1.0
    e.q = (1 - e.eps) * e.y + e.eps / K
    e.p = softmax(e.z); e.pT = softmax(e.z / e.T); e.I = np.eye(K); return e
def ck_st(e):
    R = P["softmax_temperature"]["refs"]
    close_fd(fd(lambda: softmax(e.z / e.T), e.z), R["dpT_dz"](e))
    close_fd(fd(lambda: -np.sum(e.q * np.log(softmax(e.z))), e.z), R["dL_dz"](e))
P["softmax_temperature"] = dict(make=mk_st, sizes=[3, 4, 6], check=ck_st, refs=dict(
    dpT_dz=lambda e: e.pT[:, None] * (e.I - e.pT[None, :]) / e.T,    # [k,i]
    dL_dz=lambda e: e.p - e.q,
))

# ---------------------------------------------------------------- huber_lse
def mk_hl(rng, K):
    d = rng.uniform(0.3, 2.0)
    u = np.concatenate([rng.uniform(-0.95, 0.95, 4) * d, rng.uniform(1.1, 3.0, 3) * d, -rng.uniform(1.1, 3.0, 3) * d])
    e = NS(K=K, delta=d, u=u, z=rng.normal(size=K)); e.s = softmax(e.z); e.I = np.eye(K); return e
def huber(u, d):
    return np.where(np.abs(u) <= d, u ** 2 / 2, d * (np.abs(u) - d / 2))
def ck_hl(e):
    R = P["huber_lse"]["refs"]
    close_fd(np.diag(fd(lambda: huber(e.u, e.delta), e.u)), R["dh_du"](e))
    lse = lambda: np.log(np.sum(np.exp(e.z)))
    gradf = lambda: fd(lse, e.z)
    close_fd(fd(lambda: np.exp(e.z) / np.sum(np.exp(e.z)), e.z), R["hess_lse"](e))
    close_fd(gradf(), e.s)
P["huber_lse"] = dict(make=mk_hl, sizes=[3, 5, 2], check=ck_hl, refs=dict(
    dh_du=lambda e: np.clip(e.u, -e.delta, e.delta),
    hess_lse=lambda e: np.diag(e.s) - np.outer(e.s, e.s),       # [i,j]
))

# ---------------------------------------------------------------- lstm_cell
def mk_lstm(rng, s):
    n, m = s
    e = NS(n=n, m=m, hp=rng.normal(size=n), cp=rng.normal(size=n), x=rng.normal(size=m), I=np.eye(n))
    for gname in "fiog":
        setattr(e, "W" + gname, rng.normal(size=(n, n)) * 0.8)
        setattr(e, "U" + gname, rng.normal(size=(n, m)) * 0.8)
        setattr(e, "b" + gname, rng.normal(size=n) * 0.5)
    fwd_lstm(e); return e
def fwd_lstm(e, which="h"):
    e.f = sig(e.Wf @ e.hp + e.Uf @ e.x + e.bf); e.i = sig(e.Wi @ e.hp + e.Ui @ e.x + e.bi)
    e.o = sig(e.Wo @ e.hp + e.Uo @ e.x + e.bo); e.g = np.tanh(e.Wg @ e.hp + e.Ug @ e.x + e.bg)
    e.c = e.f * e.cp + e.i * e.g; e.h = e.o * np.tanh(e.c); e.tp = 1 - np.tanh(e.c) ** 2
    return e.h
def ck_lstm(e):
    R = P["lstm_cell"]["refs"]
    close_fd(fd(lambda: fwd_lstm(e), e.cp), R["dh_dcprev"](e)); fwd_lstm(e)
    close_fd(fd(lambda: fwd_lstm(e), e.hp), R["dh_dhprev_matrix"](e)); fwd_lstm(e)
def lstm_J(e):
    D = np.diag
    return (D(e.o * (1 - e.o) * np.tanh(e.c)) @ e.Wo
            + D(e.o * e.tp) @ (D(e.cp * e.f * (1 - e.f)) @ e.Wf + D(e.g * e.i * (1 - e.i)) @ e.Wi + D(e.i * (1 - e.g ** 2)) @ e.Wg))
P["lstm_cell"] = dict(make=mk_lstm, sizes=[(3, 2), (2, 4), (4, 4)], check=ck_lstm, refs=dict(
    dh_dcprev=lambda e: (e.o * e.tp * e.f)[:, None] * e.I,    # [k,i]
    dh_dhprev_matrix=lstm_J,
))

# ---------------------------------------------------------------- gru_cell
def mk_gru(rng, s):
    n, m = s
    e = NS(n=n, m=m, hp=rng.normal(size=n), x=rng.normal(size=m), I=np.eye(n))
    for gname in "zrh":
        setattr(e, "W" + gname, rng.normal(size=(n, m)) * 0.8)
        setattr(e, "U" + gname, rng.normal(size=(n, n)) * 0.8)
    fwd_gru(e); return e
def fwd_gru(e):
    e.z = sig(e.Wz @ e.x + e.Uz @ e.hp); e.r = sig(e.Wr @ e.x + e.Ur @ e.hp)
    e.ht = np.tanh(e.Wh @ e.x + e.Uh @ (e.r * e.hp)); e.h = (1 - e.z) * e.hp + e.z * e.ht
    return e.h
def ck_gru(e):
    close_fd(fd(lambda: fwd_gru(e), e.hp), P["gru_cell"]["refs"]["dh_dhprev_matrix"](e)); fwd_gru(e)
def gru_J(e):
    D = np.diag
    return (D(1 - e.z) + D((e.ht - e.hp) * e.z * (1 - e.z)) @ e.Uz
            + D(e.z * (1 - e.ht ** 2)) @ e.Uh @ (D(e.r) + D(e.hp * e.r * (1 - e.r)) @ e.Ur))
P["gru_cell"] = dict(make=mk_gru, sizes=[(3, 2), (2, 3), (4, 4)], check=ck_gru, refs=dict(dh_dhprev_matrix=gru_J))

# ---------------------------------------------------------------- tied_autoencoder
def mk_tae(rng, s):
    m, n = s
    e = NS(m=m, n=n, W=rng.normal(size=(m, n)) * 0.8, x=rng.normal(size=n)); fwd_tae(e); return e
def fwd_tae(e):
    e.a = e.W @ e.x; e.h = sig(e.a); e.xh = e.W.T @ e.h; e.sp = dsig(e.a); e.res = e.xh - e.x
    return np.sum(e.res ** 2)
def ck_tae(e):
    close_fd(fd(lambda: fwd_tae(e), e.W), P["tied_autoencoder"]["refs"]["dL_dW_matrix"](e)); fwd_tae(e)
P["tied_autoencoder"] = dict(make=mk_tae, sizes=[(2, 3), (4, 2), (3, 3)], check=ck_tae, refs=dict(
    dL_dW_matrix=lambda e: 2 * np.outer(e.h, e.res) + 2 * np.outer(e.sp * (e.W @ e.res), e.x)))

# ---------------------------------------------------------------- vae_kl
def mk_vae(rng, J):
    e = NS(J=J, mu=rng.normal(size=J), lv=rng.normal(size=J)); e.s2 = np.exp(e.lv); return e
def ck_vae(e):
    kl = lambda: 0.5 * np.sum(np.exp(e.lv) + e.mu ** 2 - 1 - e.lv)
    close_fd(fd(kl, e.lv), P["vae_kl"]["refs"]["dKL_dlogvar"](e))
P["vae_kl"] = dict(make=mk_vae, sizes=[1, 3, 6], check=ck_vae, refs=dict(dKL_dlogvar=lambda e: 0.5 * (e.s2 - 1)))

# ================================================================= answers
ANS = []
D, O = np.diag, np.outer
def A(problem, target, source, latex, label, style, mistake, meaning, fn):
    ANS.append(dict(problem=problem, target=target, source=source, latex=latex, label=label,
                    style=style, mistake=mistake, meaning=meaning, fn=fn))
R, W = "right", "wrong"

# ---- exercise13 / dy_dW  [k,i,j]
p, t = "exercise13", "dy_dW"
dk = lambda e: e.I[:, :, None]
A(p, t, "plain", "sigma'(y~_k) * delta_ik * x_j", R, "ASCII tilde names", None, "σ'(ỹ_k) δ_ik x_j",
  lambda e: e.sp[:, None, None] * dk(e) * e.x)
A(p, t, "plain", "σ(ỹ_k)(1 − σ(ỹ_k)) δ_ki x_j", R, "unicode, σ' expanded", None, "σ(ỹ_k)(1−σ(ỹ_k)) δ_ik x_j",
  lambda e: (sig(e.yt) * (1 - sig(e.yt)))[:, None, None] * dk(e) * e.x)
A(p, t, "plain", "y_k(1-y_k) x_j if i = k, 0 otherwise", R, "cases in words, output form", None, "y_k(1−y_k) x_j on i=k",
  lambda e: (e.y * (1 - e.y))[:, None, None] * dk(e) * e.x)
A(p, t, "converter", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \delta_{i k} x_{j}", R, "mathpix spaced subscripts", None, "σ'(ỹ_k) δ_ik x_j",
  lambda e: e.sp[:, None, None] * dk(e) * e.x)
A(p, t, "latex", r"$\frac{\partial y_k}{\partial W_{ij}} = \delta_{ik}\, y_k(1-y_k)\, x_j$", R, "equation with quantity", None, "δ_ik y_k(1−y_k) x_j",
  lambda e: (e.y * (1 - e.y))[:, None, None] * dk(e) * e.x)
A(p, t, "latex", r"\[\frac{\partial y_k}{\partial W_{ij}} = \begin{cases} \sigma'(\tilde y_k)\, x_j & i = k \\ 0 & i \neq k\end{cases}\]", R, "cases env", None, "σ'(ỹ_k) x_j on i=k",
  lambda e: e.sp[:, None, None] * dk(e) * e.x)
A(p, t, "plain", "sigma(y~_k) delta_ik x_j", W, "ASCII", "σ instead of σ'", "σ(ỹ_k) δ_ik x_j",
  lambda e: sig(e.yt)[:, None, None] * dk(e) * e.x)
A(p, t, "converter", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) x_{j}", W, "mathpix", "dropped the Kronecker delta δ_ik", "σ'(ỹ_k) x_j for all i",
  lambda e: e.sp[:, None, None] * np.ones((e.n, e.n, 1)) * e.x)
A(p, t, "latex", r"$\sigma'(\tilde y_k)\,\delta_{ik}\,W_{ij}$", W, "inline", "∂(W_ij x_j)/∂W_ij taken as W_ij instead of x_j", "σ'(ỹ_k) δ_ik W_ij",
  lambda e: e.sp[:, None, None] * dk(e) * e.W[None, :, :])
A(p, t, "converter", r"$\sigma^{\prime}\left(x_{j}\right) \delta_{i k} x_{j}$", W, "mathpix in $", "σ' evaluated at x_j instead of ỹ_k", "σ'(x_j) δ_ik x_j",
  lambda e: dk(e) * (dsig(e.x) * e.x)[None, None, :])

# ---- exercise13 / dy_dx [k,i]
t = "dy_dx"
A(p, t, "plain", "σ'(ỹ_k) W_ki", R, "unicode", None, "σ'(ỹ_k) W_ki", lambda e: e.sp[:, None] * e.W)
A(p, t, "plain", "y_k*(1-y_k)*W_ki", R, "ASCII output form", None, "y_k(1−y_k) W_ki", lambda e: (e.y * (1 - e.y))[:, None] * e.W)
A(p, t, "converter", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) W_{k i}", R, "mathpix", None, "σ'(ỹ_k) W_ki", lambda e: e.sp[:, None] * e.W)
A(p, t, "converter", r"$\sigma\left(\tilde{y}_{k}\right)\left(1-\sigma\left(\tilde{y}_{k}\right)\right) W_{k i}$", R, "mathpix expanded σ'", None, "σ(1−σ) W_ki",
  lambda e: (sig(e.yt) * (1 - sig(e.yt)))[:, None] * e.W)
A(p, t, "latex", r"\frac{\partial y_k}{\partial x_i} = \sigma'(\tilde y_k)\,W_{ki}.", R, "equation, trailing period", None, "σ'(ỹ_k) W_ki", lambda e: e.sp[:, None] * e.W)
A(p, t, "latex", r"$\frac{\partial y_k}{\partial x_i}=\frac{e^{-\tilde y_k}}{(1+e^{-\tilde y_k})^2}W_{ki}$", R, "explicit exponential", None, "e^{-ỹ}/(1+e^{-ỹ})² W_ki",
  lambda e: (np.exp(-e.yt) / (1 + np.exp(-e.yt)) ** 2)[:, None] * e.W)
A(p, t, "plain", "sigma'(y~_k) * W_ik", W, "ASCII", "transposed index W_ik for W_ki", "σ'(ỹ_k) W_ik",
  lambda e: e.sp[:, None] * e.W.T)
A(p, t, "converter", r"\sigma\left(\tilde{y}_{k}\right) W_{k i}", W, "mathpix", "σ instead of σ'", "σ(ỹ_k) W_ki", lambda e: sig(e.yt)[:, None] * e.W)
A(p, t, "latex", r"$\frac{\partial y_k}{\partial x_i} = \sigma'(\tilde y_k)\,W_{ki}\,x_i$", W, "inline", "extra factor x_i", "σ'(ỹ_k) W_ki x_i",
  lambda e: e.sp[:, None] * e.W * e.x[None, :])
A(p, t, "latex", r"\[\frac{\partial y_k}{\partial x_i} = \sigma'(\tilde y_k)\]", W, "display", "missing chain factor W_ki", "σ'(ỹ_k)",
  lambda e: e.sp[:, None] * np.ones((1, e.m)))

# ---- exercise13 / dy_dx_matrix (n x m)
t = "dy_dx_matrix"
A(p, t, "plain", "diag(σ'(ỹ)) W", R, "unicode matrix", None, "diag(σ'(ỹ)) W", lambda e: D(e.sp) @ e.W)
A(p, t, "plain", "diag(y ⊙ (1 − y)) W", R, "unicode, output form", None, "diag(y(1−y)) W", lambda e: D(e.y * (1 - e.y)) @ e.W)
A(p, t, "converter", r"\operatorname{diag}\left(\sigma^{\prime}(\tilde{\mathbf{y}})\right) \mathbf{W}", R, "mathpix bold", None, "diag(σ'(ỹ)) W", lambda e: D(e.sp) @ e.W)
A(p, t, "converter", r"$$\operatorname{diag}\left(\mathbf{y} \odot(\mathbf{1}-\mathbf{y})\right) W$$", R, "mathpix $$", None, "diag(y(1−y)) W", lambda e: D(e.y * (1 - e.y)) @ e.W)
A(p, t, "latex", r"\[\frac{\partial y}{\partial x} = \operatorname{diag}\big(\sigma'(\tilde y)\big)\,W\]", R, "display", None, "diag(σ'(ỹ)) W", lambda e: D(e.sp) @ e.W)
A(p, t, "latex", r"$\frac{\partial y}{\partial x} = \left(\sigma'(\tilde y)\,\mathbf{1}^T\right)\odot W$", R, "Hadamard with broadcast", None, "(σ'(ỹ)1ᵀ) ⊙ W",
  lambda e: np.outer(e.sp, np.ones(e.m)) * e.W)
A(p, t, "plain", "W diag(σ'(ỹ))", W, "unicode", "matrix product in the wrong order", "W diag(σ'(ỹ))", lambda e: e.W @ D(e.sp))
A(p, t, "converter", r"\operatorname{diag}\left(\sigma^{\prime}(\tilde{y})\right) W^{\top}", W, "mathpix", "transposed W", "diag(σ'(ỹ)) Wᵀ", lambda e: D(e.sp) @ e.W.T)
A(p, t, "latex", r"$\operatorname{diag}(\sigma(\tilde y))\,W$", W, "inline", "σ instead of σ'", "diag(σ(ỹ)) W", lambda e: D(sig(e.yt)) @ e.W)
A(p, t, "latex", r"$\frac{\partial y}{\partial x} = \sigma'(\tilde y)^T W$", W, "inline", "row vector σ'(ỹ)ᵀW (sums over k) instead of diag(σ'(ỹ))W", "σ'(ỹ)ᵀ W (1×m)",
  lambda e: (e.sp @ e.W)[None, :])

# ---- exercise13 / dyk_dW_matrix [k] -> (n x m)
t = "dyk_dW_matrix"
stk = lambda e, f: np.stack([f(e, k) for k in range(e.n)])
A(p, t, "plain", "σ'(ỹ_k) e_k xᵀ", R, "unicode", None, "σ'(ỹ_k) e_k xᵀ", lambda e: stk(e, lambda e, k: e.sp[k] * O(e.I[k], e.x)))
A(p, t, "plain", "y_k(1-y_k) e_k x^T", R, "ASCII output form", None, "y_k(1−y_k) e_k xᵀ", lambda e: stk(e, lambda e, k: e.y[k] * (1 - e.y[k]) * O(e.I[k], e.x)))
A(p, t, "converter", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \mathbf{e}_{k} \mathbf{x}^{\top}", R, "mathpix bold", None, "σ'(ỹ_k) e_k xᵀ",
  lambda e: stk(e, lambda e, k: e.sp[k] * O(e.I[k], e.x)))
A(p, t, "latex", r"$\frac{\partial y_k}{\partial W} = \operatorname{diag}(\sigma'(\tilde y))\,e_k x^T$", R, "diag times e_k", None, "diag(σ'(ỹ)) e_k xᵀ",
  lambda e: stk(e, lambda e, k: D(e.sp) @ O(e.I[k], e.x)))
A(p, t, "latex", r"$\frac{\partial y_k}{\partial W} = \sigma'(\tilde y_k)\, e_k x^T$, i.e. only row $k$ is nonzero and equals $\sigma'(\tilde y_k)\, x^T$.", R, "prose with i.e.", None, "σ'(ỹ_k) e_k xᵀ",
  lambda e: stk(e, lambda e, k: e.sp[k] * O(e.I[k], e.x)))
A(p, t, "plain", "σ'(ỹ_k) x e_kᵀ", W, "unicode", "transposed layout (m×n)", "σ'(ỹ_k) x e_kᵀ", lambda e: stk(e, lambda e, k: e.sp[k] * O(e.x, e.I[k])))
A(p, t, "converter", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \mathbf{x}^{\top}", W, "mathpix", "dropped e_k: a row vector, not an n×m matrix", "σ'(ỹ_k) xᵀ",
  lambda e: stk(e, lambda e, k: e.sp[k] * e.x[None, :]))
A(p, t, "latex", r"$\sigma'(\tilde y_k)\,\mathbf{1}\,x^T$", W, "inline", "every row filled (dropped the Kronecker delta)", "σ'(ỹ_k) 1 xᵀ",
  lambda e: stk(e, lambda e, k: e.sp[k] * O(np.ones(e.n), e.x)))

# ---- softmax_ce / dp_dz [k,i]
p, t = "softmax_ce", "dp_dz"
A(p, t, "plain", "p_k(delta_ik - p_i)", R, "ASCII", None, "p_k(δ_ik − p_i)", lambda e: e.p[:, None] * (e.I - e.p[None, :]))
A(p, t, "plain", "p_k(1-p_k) if i = k, -p_i p_k otherwise", R, "cases in words", None, "p_k(1−p_k) diag, −p_i p_k off",
  lambda e: np.where(e.I > 0, (e.p * (1 - e.p))[:, None], -O(e.p, e.p)))
A(p, t, "converter", r"p_{k}\left(\delta_{i k}-p_{i}\right)", R, "mathpix", None, "p_k(δ_ik − p_i)", lambda e: e.p[:, None] * (e.I - e.p[None, :]))
A(p, t, "converter", r"\left\{\begin{array}{ll}p_{k}\left(1-p_{k}\right) & i=k \\ -p_{i} p_{k} & \text { otherwise }\end{array}\right.", R, "mathpix array cases", None, "p_k(1−p_k) diag, −p_i p_k off",
  lambda e: np.where(e.I > 0, (e.p * (1 - e.p))[:, None], -O(e.p, e.p)))
A(p, t, "latex", r"$\frac{\partial p_k}{\partial z_i} = p_k\delta_{ik} - p_kp_i$", R, "expanded", None, "p_k δ_ik − p_k p_i", lambda e: D(e.p) - O(e.p, e.p))
A(p, t, "latex", r"$p_i(\delta_{ik} - p_k)$", R, "swapped roles (equal through δ)", None, "p_i(δ_ik − p_k)", lambda e: e.p[None, :] * (e.I - e.p[:, None]))
A(p, t, "latex", r"\[\frac{\partial p_k}{\partial z_i}=\begin{cases}p_i(1-p_i) & \text{if } i=k,\\ -p_ip_k & \text{if } i\neq k.\end{cases}\]", R, "cases with text", None, "p_i(1−p_i) diag, −p_i p_k off",
  lambda e: np.where(e.I > 0, (e.p * (1 - e.p))[None, :], -O(e.p, e.p)))
A(p, t, "plain", "p_k(1-p_k)", W, "ASCII", "p_k(1−p_k) used also off the diagonal", "p_k(1−p_k) for all i",
  lambda e: (e.p * (1 - e.p))[:, None] * np.ones((1, e.K)))
A(p, t, "converter", r"\left\{\begin{array}{ll}p_{k}\left(1-p_{k}\right) & i=k \\ p_{i} p_{k} & \text { otherwise }\end{array}\right.", W, "mathpix cases", "wrong sign off the diagonal", "p_k(1−p_k) diag, +p_i p_k off",
  lambda e: np.where(e.I > 0, (e.p * (1 - e.p))[:, None], O(e.p, e.p)))
A(p, t, "latex", r"$\frac{\partial p_k}{\partial z_i} = p_k(\delta_{ik} - p_k)$", W, "inline", "wrong index: p_k instead of p_i in the bracket", "p_k(δ_ik − p_k)",
  lambda e: e.p[:, None] * (e.I - e.p[:, None]))
A(p, t, "latex", r"$-p_ip_k$", W, "inline", "dropped the δ_ik p_k term", "−p_i p_k", lambda e: -O(e.p, e.p))

# ---- softmax_ce / dp_dz_matrix
t = "dp_dz_matrix"
A(p, t, "plain", "diag(p) - p p^T", R, "ASCII", None, "diag(p) − ppᵀ", lambda e: D(e.p) - O(e.p, e.p))
A(p, t, "plain", "diag(p) − p pᵀ", R, "unicode", None, "diag(p) − ppᵀ", lambda e: D(e.p) - O(e.p, e.p))
A(p, t, "converter", r"\operatorname{diag}(\mathbf{p})-\mathbf{p} \mathbf{p}^{\top}", R, "mathpix bold", None, "diag(p) − ppᵀ", lambda e: D(e.p) - O(e.p, e.p))
A(p, t, "converter", r"\(\operatorname{diag}(\mathbf{p})\left(I-\mathbf{1} \mathbf{p}^{\top}\right)\)", R, "mathpix \\( \\), factored", None, "diag(p)(I − 1pᵀ)",
  lambda e: D(e.p) @ (e.I - O(np.ones(e.K), e.p)))
A(p, t, "latex", r"\[\frac{\partial p}{\partial z} = \operatorname{diag}(p) - p\,p^{T}\]", R, "display", None, "diag(p) − ppᵀ", lambda e: D(e.p) - O(e.p, e.p))
A(p, t, "plain", "diag(p) + p p^T", W, "ASCII", "wrong sign of the outer product", "diag(p) + ppᵀ", lambda e: D(e.p) + O(e.p, e.p))
A(p, t, "converter", r"\operatorname{diag}(\mathbf{p})\left(I-\mathbf{p} \mathbf{p}^{\top}\right)", W, "mathpix", "factored wrongly: diag(p)(I − ppᵀ)", "diag(p)(I − ppᵀ)",
  lambda e: D(e.p) @ (e.I - O(e.p, e.p)))
A(p, t, "latex", r"$\operatorname{diag}\big(p \odot (1-p)\big)$", W, "inline", "dropped the off-diagonal terms", "diag(p(1−p))", lambda e: D(e.p * (1 - e.p)))
A(p, t, "latex", r"$\frac{\partial p}{\partial z} = I - p\mathbf{1}^T$", W, "inline", "Jacobian of log p (transposed) instead of p", "I − p1ᵀ", lambda e: e.I - O(e.p, np.ones(e.K)))

# ---- softmax_ce / dL_dz
t = "dL_dz"
A(p, t, "plain", "p_i - y_i", R, "ASCII", None, "p_i − y_i", lambda e: e.p - e.y)
A(p, t, "plain", "p_i − y_i", R, "unicode minus", None, "p_i − y_i", lambda e: e.p - e.y)
A(p, t, "converter", r"p_{i}-y_{i}", R, "mathpix", None, "p_i − y_i", lambda e: e.p - e.y)
A(p, t, "converter", r"$\left(p_{i}-y_{i}\right)$", R, "mathpix parenthesised", None, "p_i − y_i", lambda e: e.p - e.y)
A(p, t, "latex", r"$\frac{\partial L}{\partial z_i} = p_i - y_i$.", R, "inline, trailing period", None, "p_i − y_i", lambda e: e.p - e.y)
A(p, t, "latex", r"\[\frac{\partial L}{\partial z_i} = -\sum_k y_k(\delta_{ik}-p_i) = p_i\sum_k y_k - y_i = p_i - y_i\]", R, "= chain", None, "p_i Σy − y_i",
  lambda e: e.p * e.y.sum() - e.y)
A(p, t, "plain", "-y_i/p_i", W, "ASCII", "∂L/∂p_i given instead of ∂L/∂z_i", "−y_i/p_i", lambda e: -e.y / e.p)
A(p, t, "plain", "y_i - p_i", W, "ASCII", "wrong sign", "y_i − p_i", lambda e: e.y - e.p)
A(p, t, "converter", r"-\frac{y_{i}}{p_{i}} p_{i}\left(1-p_{i}\right)", W, "mathpix", "only the diagonal of the softmax Jacobian used in the chain rule", "−y_i(1−p_i)",
  lambda e: -e.y / e.p * e.p * (1 - e.p))
A(p, t, "latex", r"$\frac{\partial L}{\partial z_i} = p_i - 1$", W, "inline", "assumed y_i = 1 for every i (one-hot true class only)", "p_i − 1", lambda e: e.p - 1)

# ---- mlp2 / dL_dW1 [k,j]
p, t = "mlp2", "dL_dW1"
dlt = lambda e: e.ind * (e.W2.T @ (e.o - e.t))
A(p, t, "plain", "1[a_k > 0] * x_j * sum_r (o_r - t_r) W^(2)_rk", R, "ASCII indicator", None, "1[a_k>0] x_j Σ_r (o_r−t_r)W2_rk", lambda e: O(dlt(e), e.x))
A(p, t, "plain", "Σ_r (o_r − t_r) W2_rk · 1(a_k>0) · x_j", R, "unicode", None, "same", lambda e: O(dlt(e), e.x))
A(p, t, "converter", r"\mathbb{1}\left[a_{k}>0\right] x_{j} \sum_{r=1}^{c}\left(o_{r}-t_{r}\right) W_{r k}^{(2)}", R, "mathpix", None, "same", lambda e: O(dlt(e), e.x))
A(p, t, "latex", r"$\frac{\partial L}{\partial W^{(1)}_{kj}} = \delta_k x_j$, where $\delta_k = \mathbb{1}[a_k>0]\sum_{r=1}^c (o_r-t_r)W^{(2)}_{rk}$", R, "prose joining pieces", None, "δ_k x_j", lambda e: O(dlt(e), e.x))
A(p, t, "latex", r"\[\frac{\partial L}{\partial W^{(1)}_{kj}} = \sum_{r=1}^{c}(o_r - t_r)\,W^{(2)}_{rk}\,\mathbb{1}[h_k > 0]\,x_j\]", R, "h_k>0 ⇔ a_k>0", None, "same via h_k>0",
  lambda e: O((e.h > 0) * (e.W2.T @ (e.o - e.t)), e.x))
A(p, t, "plain", "sum_r (o_r - t_r) W^(2)_rk x_j", W, "ASCII", "missing the ReLU derivative 1[a_k>0]", "Σ_r (o_r−t_r)W2_rk x_j", lambda e: O(e.W2.T @ (e.o - e.t), e.x))
A(p, t, "converter", r"\mathbb{1}\left[a_{k}>0\right] x_{j} \sum_{r=1}^{c}\left(o_{r}-t_{r}\right) W_{k r}^{(2)}", W, "mathpix", "transposed index W2_kr", "uses W2_kr",
  lambda e: O(e.ind * (e.W2 @ (e.o - e.t)), e.x))
A(p, t, "latex", r"$\mathbb{1}[a_k>0]\,x_j\,h_k\sum_{r}(o_r-t_r)W^{(2)}_{rk}$", W, "inline", "extra factor h_k", "δ_k h_k x_j", lambda e: O(dlt(e) * e.h, e.x))
A(p, t, "latex", r"$h_k\, x_j \sum_{r=1}^{c}(o_r-t_r)W^{(2)}_{rk}$", W, "inline", "ReLU value h_k used instead of its derivative", "h_k x_j Σ_r …",
  lambda e: O(e.h * (e.W2.T @ (e.o - e.t)), e.x))

# ---- mlp2 / dL_dW1_matrix
t = "dL_dW1_matrix"
A(p, t, "plain", "(1[a>0] ⊙ W2ᵀ(o − t)) xᵀ", R, "unicode", None, "(1[a>0]⊙W2ᵀ(o−t))xᵀ", lambda e: O(dlt(e), e.x))
A(p, t, "plain", "((W^(2))^T (o-t) * 1[a>0]) x^T", R, "ASCII, * elementwise", None, "same", lambda e: O(dlt(e), e.x))
A(p, t, "converter", r"\left(\mathbb{1}[\mathbf{a}>0] \odot\left(W^{(2)}\right)^{\top}(\mathbf{o}-\mathbf{t})\right) \mathbf{x}^{\top}", R, "mathpix", None, "same", lambda e: O(dlt(e), e.x))
A(p, t, "latex", r"\[\frac{\partial L}{\partial W^{(1)}} = \operatorname{diag}(\mathbb{1}[a>0])\,W^{(2)T}(o-t)\,x^T\]", R, "diag mask", None, "diag(1[a>0])W2ᵀ(o−t)xᵀ",
  lambda e: D(e.ind) @ np.outer(e.W2.T @ (e.o - e.t), e.x))
A(p, t, "latex", r"$\delta^{(1)} x^T$ with $\delta^{(1)} = \mathbb{1}[a>0]\circ (W^{(2)})^T(o-t)$", R, "prose with definition", None, "δ⁽¹⁾xᵀ", lambda e: O(dlt(e), e.x))
A(p, t, "plain", "x (1[a>0] ⊙ W2ᵀ(o−t))ᵀ", W, "unicode", "transposed layout (m×n)", "x δᵀ", lambda e: O(e.x, dlt(e)))
A(p, t, "converter", r"\left(\mathbb{1}[\mathbf{a}>0] \odot W^{(2)}(\mathbf{o}-\mathbf{t})\right) \mathbf{x}^{\top}", W, "mathpix", "missing transpose on W2", "(1[a>0]⊙W2(o−t))xᵀ",
  lambda e: O(e.ind * (e.W2 @ (e.o - e.t)), e.x))
A(p, t, "latex", r"$(W^{(2)})^T(o-t)\,x^T$", W, "inline", "missing the ReLU mask", "W2ᵀ(o−t)xᵀ", lambda e: O(e.W2.T @ (e.o - e.t), e.x))
A(p, t, "latex", r"$\left(\mathbb{1}[a>0]\odot (W^{(2)})^T(o-t)\right) h^T$", W, "inline", "h instead of the layer input x", "δ hᵀ", lambda e: O(dlt(e), e.h))

# ---- mlp2 / dL_db2 [r]
t = "dL_db2"
A(p, t, "plain", "o_r - t_r", R, "ASCII", None, "o_r − t_r", lambda e: e.o - e.t)
A(p, t, "plain", "sum_k W^(2)_rk h_k + b^(2)_r - t_r", R, "ASCII expanded o_r", None, "o_r − t_r", lambda e: e.W2 @ e.h + e.b2 - e.t)
A(p, t, "converter", r"o_{r}-t_{r}", R, "mathpix", None, "o_r − t_r", lambda e: e.o - e.t)
A(p, t, "latex", r"$\frac{\partial L}{\partial b^{(2)}_r} = o_r - t_r$", R, "inline", None, "o_r − t_r", lambda e: e.o - e.t)
A(p, t, "plain", "t_r - o_r", W, "ASCII", "wrong sign", "t_r − o_r", lambda e: e.t - e.o)
A(p, t, "converter", r"\frac{1}{2}\left(o_{r}-t_{r}\right)", W, "mathpix", "kept the 1/2 (coefficient off)", "(o_r − t_r)/2", lambda e: 0.5 * (e.o - e.t))
A(p, t, "latex", r"$(o_r-t_r)\,\mathbb{1}[o_r>0]$", W, "inline", "ReLU derivative applied at the (linear) output", "(o_r−t_r)1[o_r>0]", lambda e: (e.o - e.t) * (e.o > 0))

# ---- layernorm / dL_dx [i]
p, t = "layernorm", "dL_dx"
lnr = lambda e: P["layernorm"]["refs"]["dL_dx"](e)
A(p, t, "plain", "γ/sqrt(σ² + ε) * (dL/dy_i − (1/n) Σ_j dL/dy_j − (x̂_i/n) Σ_j x̂_j dL/dy_j)", R, "unicode mixed", None, "γ/√(σ²+ε)(g_i − mean g − x̂_i mean(x̂g))",
  lambda e: e.gamma / np.sqrt(e.var + e.eps) * (e.G - e.G.sum() / e.n - e.xh / e.n * np.sum(e.xh * e.G)))
A(p, t, "plain", "gamma/(n*sqrt(sigma^2+eps)) * (n*dL/dy_i - sum_j dL/dy_j - xhat_i * sum_j xhat_j*dL/dy_j)", R, "ASCII, common factor 1/n", None, "same",
  lambda e: e.gamma / (e.n * np.sqrt(e.var + e.eps)) * (e.n * e.G - e.G.sum() - e.xh * np.sum(e.xh * e.G)))
A(p, t, "converter", r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(\frac{\partial L}{\partial y_{i}}-\frac{1}{n} \sum_{j=1}^{n}\left(1+\hat{x}_{i} \hat{x}_{j}\right) \frac{\partial L}{\partial y_{j}}\right)", R, "mathpix", None, "same",
  lambda e: e.gamma / np.sqrt(e.var + e.eps) * (e.G - np.array([np.sum((1 + e.xh[i] * e.xh) * e.G) for i in range(e.n)]) / e.n))
A(p, t, "latex", r"\[\frac{\partial L}{\partial x_i} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\Big(\frac{\partial L}{\partial y_i} - \frac1n\sum_{j=1}^n \frac{\partial L}{\partial y_j} - \frac{\hat x_i}{n}\sum_{j=1}^n \hat x_j\frac{\partial L}{\partial y_j}\Big)\]", R, "display", None, "same",
  lambda e: e.gamma / np.sqrt(e.var + e.eps) * (e.G - e.G.mean() - e.xh / e.n * np.sum(e.xh * e.G)))
A(p, t, "latex", r"$\frac{\partial L}{\partial x_i} = \sum_j \frac{\partial L}{\partial y_j}\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\delta_{ij} - \frac{1}{n} - \frac{\hat x_i\hat x_j}{n}\right)$", R, "Jacobian-sum form", None, "Σ_j g_j J_ji",
  lambda e: (e.gamma / np.sqrt(e.var + e.eps) * (np.eye(e.n) - 1 / e.n - O(e.xh, e.xh) / e.n)) @ e.G)
A(p, t, "plain", "γ/sqrt(σ²+ε) * (dL/dy_i − (1/n) Σ_j dL/dy_j)", W, "unicode", "missing the variance term (σ² treated as constant)", "γ/√(σ²+ε)(g_i − mean g)",
  lambda e: e.gamma / np.sqrt(e.var + e.eps) * (e.G - e.G.mean()))
A(p, t, "converter", r"\frac{\gamma}{\sqrt{\sigma^{2}}+\epsilon}\left(\frac{\partial L}{\partial y_{i}}-\frac{1}{n} \sum_{j=1}^{n}\left(1+\hat{x}_{i} \hat{x}_{j}\right) \frac{\partial L}{\partial y_{j}}\right)", W, "mathpix", "ε outside the square root", "γ/(√σ²+ε)(…)",
  lambda e: e.gamma / (np.sqrt(e.var) + e.eps) * (e.G - e.G.mean() - e.xh * np.mean(e.xh * e.G)))
A(p, t, "latex", r"$\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y_i} - \frac{1}{n-1}\sum_{j=1}^n\left(1+\hat x_i\hat x_j\right)\frac{\partial L}{\partial y_j}\right)$", W, "inline", "1/(n−1) instead of 1/n", "…1/(n−1)…",
  lambda e: e.gamma / np.sqrt(e.var + e.eps) * (e.G - (e.G.sum() + e.xh * np.sum(e.xh * e.G)) / (e.n - 1)))
A(p, t, "latex", r"$\frac{\partial L}{\partial x_i}=\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\frac{\partial L}{\partial y_i}$", W, "inline", "μ and σ² treated as constants (both terms missing)", "γ g_i/√(σ²+ε)",
  lambda e: e.gamma / np.sqrt(e.var + e.eps) * e.G)
A(p, t, "converter", r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(\frac{\partial L}{\partial y_{i}}-\frac{1}{n} \sum_{j=1}^{n}\left(1-\hat{x}_{i} \hat{x}_{j}\right) \frac{\partial L}{\partial y_{j}}\right)", W, "mathpix", "wrong sign of the x̂_i x̂_j term", "…(1 − x̂_i x̂_j)…",
  lambda e: e.gamma / np.sqrt(e.var + e.eps) * (e.G - e.G.mean() + e.xh * np.mean(e.xh * e.G)))

# ---- layernorm / dL_dgamma
t = "dL_dgamma"
A(p, t, "plain", "sum_j xhat_j * dL/dy_j", R, "ASCII", None, "Σ x̂_j g_j", lambda e: np.sum(e.xh * e.G))
A(p, t, "plain", "Σ_j x̂_j ∂L/∂y_j", R, "unicode", None, "Σ x̂_j g_j", lambda e: np.sum(e.xh * e.G))
A(p, t, "converter", r"\sum_{j=1}^{n} \hat{x}_{j} \frac{\partial L}{\partial y_{j}}", R, "mathpix", None, "Σ x̂_j g_j", lambda e: np.sum(e.xh * e.G))
A(p, t, "latex", r"$\frac{\partial L}{\partial \gamma} = \sum_{j=1}^n \frac{\partial L}{\partial y_j}\,\frac{x_j-\mu}{\sqrt{\sigma^2+\epsilon}}$", R, "x̂ written out", None, "Σ g_j (x_j−μ)/√(σ²+ε)",
  lambda e: np.sum(e.G * (e.x - e.mu) / np.sqrt(e.var + e.eps)))
A(p, t, "latex", r"$\hat x^T \frac{\partial L}{\partial y}$", R, "vector inner product", None, "x̂ᵀ g", lambda e: e.xh @ e.G)
A(p, t, "plain", "sum_j dL/dy_j", W, "ASCII", "gave ∂L/∂β instead (missing x̂_j)", "Σ g_j", lambda e: np.sum(e.G))
A(p, t, "converter", r"\sum_{j=1}^{n} x_{j} \frac{\partial L}{\partial y_{j}}", W, "mathpix", "x_j instead of x̂_j", "Σ x_j g_j", lambda e: np.sum(e.x * e.G))
A(p, t, "latex", r"$\frac{\partial L}{\partial\gamma}=\gamma\sum_{j=1}^{n}\hat x_j\frac{\partial L}{\partial y_j}$", W, "inline", "extra factor γ", "γ Σ x̂_j g_j", lambda e: e.gamma * np.sum(e.xh * e.G))

# ---- rmsnorm / dy_dx [j,i]
p, t = "rmsnorm", "dy_dx"
A(p, t, "plain", "g_j (delta_ij / r - x_i x_j / (n r^3))", R, "ASCII", None, "g_j(δ_ij/r − x_i x_j/(n r³))", lambda e: e.g[:, None] * (e.I / e.r - O(e.x, e.x) / (e.n * e.r ** 3)))
A(p, t, "plain", "(g_j/r)(δ_ij − x_i x_j/(n r²))", R, "unicode", None, "same", lambda e: (e.g / e.r)[:, None] * (e.I - O(e.x, e.x) / (e.n * e.r ** 2)))
A(p, t, "converter", r"\frac{g_{j}}{r}\left(\delta_{i j}-\frac{x_{i} x_{j}}{n r^{2}}\right)", R, "mathpix", None, "same", lambda e: (e.g / e.r)[:, None] * (e.I - O(e.x, e.x) / (e.n * e.r ** 2)))
A(p, t, "latex", r"$\frac{\partial y_j}{\partial x_i} = \frac{g_j\delta_{ij}}{r} - \frac{g_j x_j x_i}{n r^3}$", R, "expanded", None, "same", lambda e: D(e.g) / e.r - O(e.g * e.x, e.x) / (e.n * e.r ** 3))
A(p, t, "latex", r"\[\frac{\partial y_j}{\partial x_i} = \frac{g_j}{r}\delta_{ij} + g_jx_j\cdot\left(-\frac{1}{r^2}\right)\cdot\frac{x_i}{nr}\]", R, "product/chain rule shown", None, "same",
  lambda e: D(e.g) / e.r + O(e.g * e.x, e.x) * (-1 / e.r ** 2) / (e.n * e.r))
A(p, t, "plain", "g_j δ_ij / r", W, "unicode", "r treated as a constant (missing term)", "g_j δ_ij / r", lambda e: D(e.g) / e.r)
A(p, t, "converter", r"\frac{g_{j}}{r}\left(\delta_{i j}-\frac{x_{i} x_{j}}{r^{2}}\right)", W, "mathpix", "missing the 1/n from the mean", "…x_i x_j / r²",
  lambda e: (e.g / e.r)[:, None] * (e.I - O(e.x, e.x) / e.r ** 2))
A(p, t, "latex", r"$\frac{g_i}{r}\left(\delta_{ij} - \frac{x_ix_j}{nr^2}\right)$", W, "inline", "gain g_i instead of g_j (transposed Jacobian)", "g_i(…)",
  lambda e: (e.g / e.r)[None, :] * (e.I - O(e.x, e.x) / (e.n * e.r ** 2)))
A(p, t, "latex", r"$\frac{g_j}{r}\left(\delta_{ij} - \frac{x_ix_j}{nr}\right)$", W, "inline", "wrong power of r (r instead of r²)", "…/(n r)",
  lambda e: (e.g / e.r)[:, None] * (e.I - O(e.x, e.x) / (e.n * e.r)))

# ---- rmsnorm / dL_dx [i]
t = "dL_dx"
A(p, t, "plain", "g_i dL/dy_i / r - x_i/(n r^3) * sum_j g_j x_j dL/dy_j", R, "ASCII", None, "reference form", lambda e: e.g * e.G / e.r - e.x / (e.n * e.r ** 3) * np.sum(e.g * e.x * e.G))
A(p, t, "plain", "(1/r) (g_i ∂L/∂y_i − (x_i/(n r²)) Σ_j g_j x_j ∂L/∂y_j)", R, "unicode factored", None, "same",
  lambda e: (e.g * e.G - e.x / (e.n * e.r ** 2) * np.sum(e.g * e.x * e.G)) / e.r)
A(p, t, "converter", r"\frac{g_{i}}{r} \frac{\partial L}{\partial y_{i}}-\frac{x_{i}}{n r^{3}} \sum_{j=1}^{n} g_{j} x_{j} \frac{\partial L}{\partial y_{j}}", R, "mathpix", None, "same",
  lambda e: e.g * e.G / e.r - e.x / (e.n * e.r ** 3) * np.sum(e.g * e.x * e.G))
A(p, t, "latex", r"$\frac{\partial L}{\partial x_i} = \sum_{j=1}^n \frac{\partial L}{\partial y_j}\frac{g_j}{r}\Big(\delta_{ij}-\frac{x_ix_j}{nr^2}\Big)$", R, "Jacobian sum", None, "Σ_j g'_j J_ji",
  lambda e: e.G @ ((e.g / e.r)[:, None] * (e.I - O(e.x, e.x) / (e.n * e.r ** 2))))
A(p, t, "plain", "g_i dL/dy_i / r", W, "ASCII", "r treated as a constant", "g_i G_i / r", lambda e: e.g * e.G / e.r)
A(p, t, "converter", r"\frac{g_{i}}{r} \frac{\partial L}{\partial y_{i}}-\frac{x_{i}}{n r^{3}} \sum_{j=1}^{n} x_{j} \frac{\partial L}{\partial y_{j}}", W, "mathpix", "dropped the gain g_j in the sum", "…Σ x_j G_j",
  lambda e: e.g * e.G / e.r - e.x / (e.n * e.r ** 3) * np.sum(e.x * e.G))
A(p, t, "latex", r"$\frac{\partial L}{\partial x_i}=\frac{g_i}{r}\frac{\partial L}{\partial y_i}+\frac{x_i}{nr^3}\sum_j g_jx_j\frac{\partial L}{\partial y_j}$", W, "inline", "wrong sign of the second term", "… + …",
  lambda e: e.g * e.G / e.r + e.x / (e.n * e.r ** 3) * np.sum(e.g * e.x * e.G))
A(p, t, "latex", r"\[\frac{\partial L}{\partial x_i}=\frac{g_i}{r}\frac{\partial L}{\partial y_i}-\frac{x_i}{r^3}\sum_{j=1}^n g_jx_j\frac{\partial L}{\partial y_j}\]", W, "display", "missing 1/n", "… x_i/r³ Σ …",
  lambda e: e.g * e.G / e.r - e.x / (e.r ** 3) * np.sum(e.g * e.x * e.G))

# ---- momentum (evaluated at t = 0..15)
p, t = "momentum", "v_closed"
geo = lambda mu, a, b: np.array([sum(mu ** s for s in range(a, bb + 1)) for bb in b])  # sum_{s=a}^{b}
A(p, t, "plain", "g(1 - mu^t)/(1 - mu)", R, "ASCII", None, "g(1−μ^t)/(1−μ)", lambda e: e.g * (1 - e.mu ** e.t) / (1 - e.mu))
A(p, t, "plain", "g (1 + mu + ... + mu^(t-1))", R, "ASCII ellipsis", None, "g Σ_{s=0}^{t−1} μ^s", lambda e: e.g * geo(e.mu, 0, e.t - 1))
A(p, t, "plain", "g * Σ_{s=0}^{t-1} μ^s", R, "unicode sum", None, "g Σ_{s=0}^{t−1} μ^s", lambda e: e.g * geo(e.mu, 0, e.t - 1))
A(p, t, "converter", r"\frac{g\left(1-\mu^{t}\right)}{1-\mu}", R, "mathpix", None, "g(1−μ^t)/(1−μ)", lambda e: e.g * (1 - e.mu ** e.t) / (1 - e.mu))
A(p, t, "latex", r"$v_t = g\sum_{k=0}^{t-1}\mu^k = \frac{1-\mu^t}{1-\mu}\,g$", R, "= chain", None, "g(1−μ^t)/(1−μ)", lambda e: e.g * (1 - e.mu ** e.t) / (1 - e.mu))
A(p, t, "latex", r"\[v_t = g\,(1+\mu+\mu^2+\dots+\mu^{t-1})\]", R, "display ellipsis", None, "g Σ_{s<t} μ^s", lambda e: e.g * geo(e.mu, 0, e.t - 1))
A(p, t, "plain", "g(1 - mu^(t+1))/(1 - mu)", W, "ASCII", "off-by-one exponent t+1", "g(1−μ^{t+1})/(1−μ)", lambda e: e.g * (1 - e.mu ** (e.t + 1)) / (1 - e.mu))
A(p, t, "converter", r"\frac{g\left(1-\mu^{t-1}\right)}{1-\mu}", W, "mathpix", "off-by-one exponent t−1", "g(1−μ^{t−1})/(1−μ)", lambda e: e.g * (1 - e.mu ** (e.t - 1.0)) / (1 - e.mu))
A(p, t, "latex", r"$v_t = g\,\frac{1-\mu^t}{1+\mu}$", W, "inline", "1+μ instead of 1−μ in the denominator", "g(1−μ^t)/(1+μ)", lambda e: e.g * (1 - e.mu ** e.t) / (1 + e.mu))
A(p, t, "latex", r"$v_t = g\sum_{k=1}^{t}\mu^k$", W, "inline", "sum bounds shifted by one (1..t instead of 0..t−1)", "g Σ_{k=1}^t μ^k", lambda e: e.g * geo(e.mu, 1, e.t))

t = "theta_closed"
A(p, t, "plain", "theta_0 - eta*g/(1-mu) * (t - mu*(1-mu^t)/(1-mu))", R, "ASCII", None, "closed form", lambda e: e.theta0 - e.eta * e.g / (1 - e.mu) * (e.t - e.mu * (1 - e.mu ** e.t) / (1 - e.mu)))
A(p, t, "plain", "θ_0 − η g Σ_{s=1}^t (1 − μ^s)/(1 − μ)", R, "unicode sum of velocities", None, "θ0 − ηΣ v_s",
  lambda e: e.theta0 - e.eta * e.g * np.array([sum((1 - e.mu ** s) / (1 - e.mu) for s in range(1, tt + 1)) for tt in e.t]))
A(p, t, "converter", r"\theta_{0}-\frac{\eta g}{(1-\mu)^{2}}\left(t(1-\mu)-\mu\left(1-\mu^{t}\right)\right)", R, "mathpix", None, "closed form", lambda e: e.theta0 - e.eta * e.g / (1 - e.mu) ** 2 * (e.t * (1 - e.mu) - e.mu * (1 - e.mu ** e.t)))
A(p, t, "latex", r"$\theta_t = \theta_0 - \eta\sum_{s=1}^t v_s = \theta_0 - \frac{\eta g}{1-\mu}\left(t - \frac{\mu(1-\mu^t)}{1-\mu}\right)$", R, "= chain", None, "closed form",
  lambda e: e.theta0 - e.eta * e.g / (1 - e.mu) * (e.t - e.mu * (1 - e.mu ** e.t) / (1 - e.mu)))
A(p, t, "latex", r"\[\theta_t=\theta_0+\frac{\eta g\,(\mu t+\mu-\mu^{t+1}-t)}{(1-\mu)^2}\]", R, "expanded numerator", None, "closed form",
  lambda e: e.theta0 + e.eta * e.g * (e.mu * e.t + e.mu - e.mu ** (e.t + 1) - e.t) / (1 - e.mu) ** 2)
A(p, t, "plain", "theta_0 - eta*g*t/(1-mu)", W, "ASCII", "used the limit velocity g/(1−μ) from the first step", "θ0 − ηgt/(1−μ)", lambda e: e.theta0 - e.eta * e.g * e.t / (1 - e.mu))
A(p, t, "converter", r"\theta_{0}-\frac{\eta g}{1-\mu}\left(t-\frac{1-\mu^{t}}{1-\mu}\right)", W, "mathpix", "missing factor μ in the geometric correction", "… − (1−μ^t)/(1−μ)",
  lambda e: e.theta0 - e.eta * e.g / (1 - e.mu) * (e.t - (1 - e.mu ** e.t) / (1 - e.mu)))
A(p, t, "latex", r"$\theta_t = \theta_0 + \frac{\eta g}{1-\mu}\left(t-\frac{\mu(1-\mu^t)}{1-\mu}\right)$", W, "inline", "wrong sign (ascent)", "θ0 + …",
  lambda e: e.theta0 + e.eta * e.g / (1 - e.mu) * (e.t - e.mu * (1 - e.mu ** e.t) / (1 - e.mu)))
A(p, t, "latex", r"$\theta_t = \theta_0 - \eta\,\frac{g(1-\mu^t)}{1-\mu}$", W, "inline", "only the last step's velocity subtracted (no sum over steps)", "θ0 − ηv_t",
  lambda e: e.theta0 - e.eta * e.g * (1 - e.mu ** e.t) / (1 - e.mu))

t = "v_limit"
A(p, t, "plain", "g/(1-mu)", R, "ASCII", None, "g/(1−μ)", lambda e: e.g / (1 - e.mu))
A(p, t, "plain", "g/(1 − μ)", R, "unicode", None, "g/(1−μ)", lambda e: e.g / (1 - e.mu))
A(p, t, "converter", r"\frac{g}{1-\mu}", R, "mathpix", None, "g/(1−μ)", lambda e: e.g / (1 - e.mu))
A(p, t, "latex", r"$\lim_{t\to\infty} v_t = \frac{g}{1-\mu}$ since $\mu^t\to 0$.", R, "prose", None, "g/(1−μ)", lambda e: e.g / (1 - e.mu))
A(p, t, "latex", r"\[\lim_{t\to\infty}v_t = g\sum_{k=0}^{\infty}\mu^k = \frac{g}{1-\mu}\]", R, "series", None, "g/(1−μ)", lambda e: e.g / (1 - e.mu))
A(p, t, "plain", "g/(1+mu)", W, "ASCII", "1+μ instead of 1−μ", "g/(1+μ)", lambda e: e.g / (1 + e.mu))
A(p, t, "converter", r"\frac{\mu g}{1-\mu}", W, "mathpix", "extra factor μ (series started at k=1)", "μg/(1−μ)", lambda e: e.mu * e.g / (1 - e.mu))
A(p, t, "latex", r"$\frac{\eta g}{1-\mu}$", W, "inline", "extra factor η (confused with the step size)", "ηg/(1−μ)", lambda e: e.eta * e.g / (1 - e.mu))
A(p, t, "plain", "g/(1-mu)^2", W, "ASCII", "squared denominator", "g/(1−μ)²", lambda e: e.g / (1 - e.mu) ** 2)

# ---- hw3_4a
p, t = "hw3_4a", "m_update"
A(p, t, "plain", "beta1*m_{t-1} + (1-beta1)*g_t", R, "ASCII", None, "β1 m + (1−β1) g", lambda e: e.b1 * e.m_prev + (1 - e.b1) * e.gt)
A(p, t, "plain", "β₁ m_{t−1} + (1 − β₁) g_t", R, "unicode subscripts", None, "β1 m + (1−β1) g", lambda e: e.b1 * e.m_prev + (1 - e.b1) * e.gt)
A(p, t, "converter", r"\beta_{1} m_{t-1}+\left(1-\beta_{1}\right) g_{t}", R, "mathpix", None, "β1 m + (1−β1) g", lambda e: e.b1 * e.m_prev + (1 - e.b1) * e.gt)
A(p, t, "latex", r"$m_t \leftarrow \beta_1 m_{t-1} + (1-\beta_1) g_t$", R, "leftarrow", None, "β1 m + (1−β1) g", lambda e: e.b1 * e.m_prev + (1 - e.b1) * e.gt)
A(p, t, "latex", r"\[m_t = m_{t-1} + (1-\beta_1)(g_t - m_{t-1})\]", R, "EMA increment form", None, "m + (1−β1)(g−m)", lambda e: e.m_prev + (1 - e.b1) * (e.gt - e.m_prev))
A(p, t, "plain", "(1-beta1)*m_{t-1} + beta1*g_t", W, "ASCII", "β1 and 1−β1 swapped", "(1−β1)m + β1 g", lambda e: (1 - e.b1) * e.m_prev + e.b1 * e.gt)
A(p, t, "converter", r"\beta_{1} m_{t-1}+\left(1-\beta_{1}\right) g_{t}^{2}", W, "mathpix", "squared gradient (that is v_t's update)", "β1 m + (1−β1) g²", lambda e: e.b1 * e.m_prev + (1 - e.b1) * e.gt ** 2)
A(p, t, "latex", r"$m_t = \beta_1 m_{t-1} + g_t$", W, "inline", "missing the (1−β1) factor (SGD-momentum form)", "β1 m + g", lambda e: e.b1 * e.m_prev + e.gt)
A(p, t, "latex", r"$m_t = \frac{\beta_1 m_{t-1} + (1-\beta_1)g_t}{1-\beta_1^t}$", W, "inline", "bias correction applied in the moment update itself", "m̂_t", lambda e: e.mh)

t = "v_unrolled"
vsum = lambda e, f: np.array([f(e, tt) for tt in e.T])
A(p, t, "plain", "(1-beta2) * sum_{k=1}^t beta2^(t-k) g_k^2", R, "ASCII", None, "(1−β2)Σ β2^{t−k} g_k²", lambda e: vsum(e, lambda e, tt: (1 - e.b2) * sum(e.b2 ** (tt - k) * e.gs[k - 1] ** 2 for k in range(1, tt + 1))))
A(p, t, "plain", "(1 − β₂) Σ_{i=1}^{t} β₂^{t−i} g_i²", R, "unicode", None, "same", lambda e: vsum(e, lambda e, tt: (1 - e.b2) * sum(e.b2 ** (tt - i) * e.gs[i - 1] ** 2 for i in range(1, tt + 1))))
A(p, t, "converter", r"\left(1-\beta_{2}\right) \sum_{i=1}^{t} \beta_{2}^{t-i} g_{i}^{2}", R, "mathpix", None, "same", lambda e: vsum(e, lambda e, tt: (1 - e.b2) * sum(e.b2 ** (tt - i) * e.gs[i - 1] ** 2 for i in range(1, tt + 1))))
A(p, t, "latex", r"$v_t = (1-\beta_2)\left(g_t^2 + \beta_2 g_{t-1}^2 + \dots + \beta_2^{t-1} g_1^2\right)$", R, "ellipsis", None, "same", lambda e: vsum(e, lambda e, tt: (1 - e.b2) * sum(e.b2 ** j * e.gs[tt - 1 - j] ** 2 for j in range(tt))))
A(p, t, "latex", r"\[v_t=(1-\beta_2)\sum_{k=1}^{t}\beta_2^{\,t-k}\,g_k\odot g_k\]", R, "Hadamard square", None, "same", lambda e: vsum(e, lambda e, tt: (1 - e.b2) * sum(e.b2 ** (tt - k) * e.gs[k - 1] * e.gs[k - 1] for k in range(1, tt + 1))))
A(p, t, "plain", "(1-beta2) * sum_{k=1}^t beta2^(t-k) g_k", W, "ASCII", "gradient not squared", "(1−β2)Σ β2^{t−k} g_k", lambda e: vsum(e, lambda e, tt: (1 - e.b2) * sum(e.b2 ** (tt - k) * e.gs[k - 1] for k in range(1, tt + 1))))
A(p, t, "converter", r"\left(1-\beta_{2}\right) \sum_{i=1}^{t} \beta_{2}^{i} g_{i}^{2}", W, "mathpix", "exponent i instead of t−i (weights reversed)", "(1−β2)Σ β2^i g_i²", lambda e: vsum(e, lambda e, tt: (1 - e.b2) * sum(e.b2 ** i * e.gs[i - 1] ** 2 for i in range(1, tt + 1))))
A(p, t, "latex", r"$v_t = (1-\beta_2)\sum_{k=1}^{t}\beta_2^{t-k+1}g_k^2$", W, "inline", "off-by-one exponent", "(1−β2)Σ β2^{t−k+1} g_k²", lambda e: vsum(e, lambda e, tt: (1 - e.b2) * sum(e.b2 ** (tt - k + 1) * e.gs[k - 1] ** 2 for k in range(1, tt + 1))))
A(p, t, "latex", r"$v_t = \sum_{k=1}^t \beta_2^{t-k} g_k^2$", W, "inline", "missing the factor (1−β2)", "Σ β2^{t−k} g_k²", lambda e: vsum(e, lambda e, tt: sum(e.b2 ** (tt - k) * e.gs[k - 1] ** 2 for k in range(1, tt + 1))))

t = "theta_update"
A(p, t, "plain", "theta_{t-1} - alpha * mhat_t / (sqrt(vhat_t) + eps)", R, "ASCII", None, "θ − α m̂/(√v̂+ε)", lambda e: e.theta_prev - e.alpha * e.mh / (np.sqrt(e.vh) + e.eps))
A(p, t, "plain", "θ_{t−1} − α m̂_t / (√v̂_t + ε)", R, "unicode", None, "same", lambda e: e.theta_prev - e.alpha * e.mh / (np.sqrt(e.vh) + e.eps))
A(p, t, "converter", r"\theta_{t-1}-\alpha \frac{\hat{m}_{t}}{\sqrt{\hat{v}_{t}}+\epsilon}", R, "mathpix", None, "same", lambda e: e.theta_prev - e.alpha * e.mh / (np.sqrt(e.vh) + e.eps))
A(p, t, "latex", r"$\theta_t \leftarrow \theta_{t-1} - \frac{\alpha\, m_t/(1-\beta_1^t)}{\sqrt{v_t/(1-\beta_2^t)}+\epsilon}$", R, "corrections inline", None, "same",
  lambda e: e.theta_prev - e.alpha * (e.m / (1 - e.b1 ** e.t)) / (np.sqrt(e.v / (1 - e.b2 ** e.t)) + e.eps))
A(p, t, "latex", r"\[\theta_t = \theta_{t-1} - \alpha\,\frac{\hat m_t}{\sqrt{\hat v_t}+\epsilon},\quad \text{where } \hat m_t = \frac{m_t}{1-\beta_1^t},\ \hat v_t = \frac{v_t}{1-\beta_2^t}\]", R, "where clause", None, "same",
  lambda e: e.theta_prev - e.alpha * e.mh / (np.sqrt(e.vh) + e.eps))
A(p, t, "plain", "theta_{t-1} - alpha * mhat_t / sqrt(vhat_t + eps)", W, "ASCII", "ε inside the square root", "θ − α m̂/√(v̂+ε)", lambda e: e.theta_prev - e.alpha * e.mh / np.sqrt(e.vh + e.eps))
A(p, t, "converter", r"\theta_{t-1}-\alpha \frac{m_{t}}{\sqrt{v_{t}}+\epsilon}", W, "mathpix", "no bias correction", "θ − α m/(√v+ε)", lambda e: e.theta_prev - e.alpha * e.m / (np.sqrt(e.v) + e.eps))
A(p, t, "latex", r"$\theta_t = \theta_{t-1} - \alpha\frac{\hat m_t}{\hat v_t + \epsilon}$", W, "inline", "missing the square root", "θ − α m̂/(v̂+ε)", lambda e: e.theta_prev - e.alpha * e.mh / (e.vh + e.eps))
A(p, t, "latex", r"$\theta_t=\theta_{t-1}+\alpha\frac{\hat m_t}{\sqrt{\hat v_t}+\epsilon}$", W, "inline", "wrong sign (ascent)", "θ + α m̂/(√v̂+ε)", lambda e: e.theta_prev + e.alpha * e.mh / (np.sqrt(e.vh) + e.eps))
A(p, t, "converter", r"\theta_{t-1}-\alpha \frac{\hat{m}_{t}}{\sqrt{\hat{v}_{t}}+\epsilon} \cdot \frac{1}{1-\beta_{1}^{t}}", W, "mathpix", "bias correction of m applied twice", "θ − α m̂/((√v̂+ε)(1−β1^t))",
  lambda e: e.theta_prev - e.alpha * e.mh / (np.sqrt(e.vh) + e.eps) / (1 - e.b1 ** e.t))

# ---- conv1d_backward (1-based formulas)
p, t = "conv1d_backward", "dL_dw"
vec = lambda rng_, f: np.array([f(i) for i in rng_])
A(p, t, "plain", "sum_{k=1}^{N-K+1} dL/dy_k * x_{k+l-1}", R, "ASCII", None, "Σ_k G_k x_{k+l−1}", lambda e: vec(range(1, e.K + 1), lambda l: sum(Gstrict(e, k) * Xstrict(e, k + l - 1) for k in range(1, e.N - e.K + 2))))
A(p, t, "plain", "Σ_k ∂L/∂y_k x_(k+l−1)", R, "unicode, implicit bounds", None, "same", lambda e: vec(range(1, e.K + 1), lambda l: sum(Gstrict(e, k) * Xstrict(e, k + l - 1) for k in range(1, e.N - e.K + 2))))
A(p, t, "converter", r"\sum_{k=1}^{N-K+1} \frac{\partial L}{\partial y_{k}} x_{k+l-1}", R, "mathpix", None, "same", lambda e: vec(range(1, e.K + 1), lambda l: sum(Gstrict(e, k) * Xstrict(e, k + l - 1) for k in range(1, e.N - e.K + 2))))
A(p, t, "latex", r"$\frac{\partial L}{\partial w_l} = \sum_{k=1}^{N-K+1}\frac{\partial L}{\partial y_k}\,x_{k+l-1}$, i.e. the cross-correlation of $x$ with $\partial L/\partial y$.", R, "prose, i.e. remark", None, "same",
  lambda e: vec(range(1, e.K + 1), lambda l: sum(Gstrict(e, k) * Xstrict(e, k + l - 1) for k in range(1, e.N - e.K + 2))))
A(p, t, "latex", r"\[\frac{\partial L}{\partial w_l}=\sum_{j=l}^{N-K+l}x_j\,\frac{\partial L}{\partial y_{j-l+1}}\]", R, "reindexed over x", None, "Σ_j x_j G_{j−l+1}",
  lambda e: vec(range(1, e.K + 1), lambda l: sum(Xstrict(e, j) * Gstrict(e, j - l + 1) for j in range(l, e.N - e.K + l + 1))))
A(p, t, "plain", "sum_{k=1}^{N-K+1} dL/dy_k * x_{k-l+1}", W, "ASCII", "flipped kernel index (k−l+1 for k+l−1); x out of range read as 0", "Σ_k G_k x_{k−l+1}",
  lambda e: vec(range(1, e.K + 1), lambda l: sum(G1(e, k) * X1(e, k - l + 1) for k in range(1, e.N - e.K + 2))))
A(p, t, "converter", r"\sum_{k=1}^{N-K} \frac{\partial L}{\partial y_{k}} x_{k+l-1}", W, "mathpix", "off-by-one upper bound N−K", "Σ_{k≤N−K}",
  lambda e: vec(range(1, e.K + 1), lambda l: sum(G1(e, k) * X1(e, k + l - 1) for k in range(1, e.N - e.K + 1))))
A(p, t, "latex", r"$\sum_{k=1}^{N-K+1}\frac{\partial L}{\partial y_k}\,x_{k+l}$", W, "inline", "index shifted by one (x_{k+l}); x_{N+1} read as 0", "Σ_k G_k x_{k+l}",
  lambda e: vec(range(1, e.K + 1), lambda l: sum(G1(e, k) * X1(e, k + l) for k in range(1, e.N - e.K + 2))))

t = "dL_dx"
def dx_ref_form(e, lo, hi, term):
    return vec(range(1, e.N + 1), lambda i: sum(term(i, k) for k in range(lo(i), hi(i) + 1)))
A(p, t, "plain", "sum_{k=max(1,i-K+1)}^{min(i,N-K+1)} dL/dy_k * w_{i-k+1}", R, "ASCII max/min bounds", None, "Σ_k G_k w_{i−k+1}",
  lambda e: dx_ref_form(e, lambda i: max(1, i - e.K + 1), lambda i: min(i, e.N - e.K + 1), lambda i, k: Gstrict(e, k) * Wstrict(e, i - k + 1)))
A(p, t, "plain", "Σ_{l=1}^{K} w_l ∂L/∂y_(i−l+1), where terms with i−l+1 < 1 or > N−K+1 are 0", R, "unicode with words", None, "Σ_l w_l G_{i−l+1} (G=0 outside)",
  lambda e: vec(range(1, e.N + 1), lambda i: sum(Wstrict(e, l) * G1(e, i - l + 1) for l in range(1, e.K + 1))))
A(p, t, "converter", r"\sum_{k=\max (1, i-K+1)}^{\min (i, N-K+1)} \frac{\partial L}{\partial y_{k}} w_{i-k+1}", R, "mathpix", None, "same",
  lambda e: dx_ref_form(e, lambda i: max(1, i - e.K + 1), lambda i: min(i, e.N - e.K + 1), lambda i, k: Gstrict(e, k) * Wstrict(e, i - k + 1)))
A(p, t, "latex", r"$\frac{\partial L}{\partial x_i}=\sum_{l=\max(1,\,i-N+K)}^{\min(K,\,i)} w_l\,\frac{\partial L}{\partial y_{i-l+1}}$", R, "sum over kernel taps", None, "Σ_l w_l G_{i−l+1}",
  lambda e: vec(range(1, e.N + 1), lambda i: sum(Wstrict(e, l) * Gstrict(e, i - l + 1) for l in range(max(1, i - e.N + e.K), min(e.K, i) + 1))))
A(p, t, "latex", r"\[\frac{\partial L}{\partial x_i} = \sum_{k=1}^{N-K+1}\frac{\partial L}{\partial y_k}\,w_{i-k+1}\quad\text{with } w_l = 0 \text{ for } l<1 \text{ or } l>K\]", R, "zero-extended kernel", None, "Σ_k G_k w_{i−k+1}",
  lambda e: vec(range(1, e.N + 1), lambda i: sum(Gstrict(e, k) * W1_(e, i - k + 1) for k in range(1, e.N - e.K + 2))))
A(p, t, "plain", "sum_{k=max(1,i-K+1)}^{min(i,N-K+1)} dL/dy_k * w_{k-i+1}", W, "ASCII", "kernel not flipped (w_{k−i+1}); w out of range read as 0", "Σ G_k w_{k−i+1}",
  lambda e: dx_ref_form(e, lambda i: max(1, i - e.K + 1), lambda i: min(i, e.N - e.K + 1), lambda i, k: G1(e, k) * W1_(e, k - i + 1)))
A(p, t, "converter", r"\sum_{k=\max (1, i-K+1)}^{\min (i, N-K+1)} \frac{\partial L}{\partial y_{k}} w_{i-k}", W, "mathpix", "off-by-one kernel index w_{i−k}; w_0 read as 0", "Σ G_k w_{i−k}",
  lambda e: dx_ref_form(e, lambda i: max(1, i - e.K + 1), lambda i: min(i, e.N - e.K + 1), lambda i, k: G1(e, k) * W1_(e, i - k)))
A(p, t, "latex", r"$\frac{\partial L}{\partial x_i}=\sum_{l=1}^{K} w_l\frac{\partial L}{\partial y_{i+l-1}}$", W, "inline", "correlation instead of convolution (y_{i+l−1}); y out of range read as 0", "Σ_l w_l G_{i+l−1}",
  lambda e: vec(range(1, e.N + 1), lambda i: sum(W1_(e, l) * G1(e, i + l - 1) for l in range(1, e.K + 1))))

# ---- hw3_2ab / y(n), n = -4..29
p, t = "hw3_2ab", "y"
A(p, t, "plain", "2 - (1/2)^n for 0 <= n <= L-1, (2^L - 1)(1/2)^n for n >= L, and 0 for n < 0", R, "ASCII cases in words", None, "piecewise closed form",
  lambda e: pw(e, lambda n, L: 0 if n < 0 else (2 - 0.5 ** n if n <= L - 1 else (2 ** L - 1) * 0.5 ** n)))
A(p, t, "plain", "y(n) = 0 for n < 0; 2 − 2^(−n) for 0 ≤ n < L; 2^(L−n) − 2^(−n) for n ≥ L", R, "unicode", None, "piecewise closed form",
  lambda e: pw(e, lambda n, L: 0 if n < 0 else (2 - 2.0 ** -n if n < L else 2.0 ** (L - n) - 2.0 ** -n)))
A(p, t, "converter", r"y(n)=\left\{\begin{array}{ll}0, & n<0 \\ 2-\left(\frac{1}{2}\right)^{n}, & 0 \leq n \leq L-1 \\ \left(2^{L}-1\right)\left(\frac{1}{2}\right)^{n}, & n \geq L\end{array}\right.", R, "mathpix array cases", None, "piecewise",
  lambda e: pw(e, lambda n, L: 0 if n < 0 else (2 - 0.5 ** n if n <= L - 1 else (2 ** L - 1) * 0.5 ** n)))
A(p, t, "latex", r"\[y(n)=\begin{cases}0 & n<0\\ 2\left(1-2^{-(n+1)}\right) & 0\le n\le L-1\\ 2^{-n}(2^{L}-1) & n\ge L\end{cases}\]", R, "cases", None, "piecewise",
  lambda e: pw(e, lambda n, L: 0 if n < 0 else (2 * (1 - 2.0 ** -(n + 1)) if n <= L - 1 else 2.0 ** -n * (2 ** L - 1))))
A(p, t, "latex", r"$y(n) = \sum_{i=0}^{\min(n, L-1)} (1/2)^{n-i}$ for $n \ge 0$, and $0$ for $n < 0$", R, "finite sum with prose", None, "Σ_{i≤min(n,L−1)} 2^{i−n}",
  lambda e: pw(e, lambda n, L: 0 if n < 0 else sum(0.5 ** (n - i) for i in range(0, min(n, L - 1) + 1))))
A(p, t, "plain", "1 - (1/2)^(n+1) for 0 <= n <= L-1, (2^L - 1)(1/2)^(n+1) for n >= L, and 0 for n < 0", W, "ASCII", "lost a factor 2 (geometric sum as 1 − r^{n+1})", "half of y(n)",
  lambda e: pw(e, lambda n, L: 0 if n < 0 else (1 - 0.5 ** (n + 1) if n <= L - 1 else (2 ** L - 1) * 0.5 ** (n + 1))))
A(p, t, "converter", r"\left\{\begin{array}{ll}0, & n<0 \\ 2-\left(\frac{1}{2}\right)^{n}, & 0 \leq n \leq L-1 \\ \left(2^{L-1}-1\right)\left(\frac{1}{2}\right)^{n}, & n \geq L\end{array}\right.", W, "mathpix", "off-by-one exponent 2^{L−1} in the tail", "tail (2^{L−1}−1)2^{−n}",
  lambda e: pw(e, lambda n, L: 0 if n < 0 else (2 - 0.5 ** n if n <= L - 1 else (2 ** (L - 1) - 1) * 0.5 ** n)))
A(p, t, "latex", r"\[y(n)=\begin{cases}2-2^{-n} & 0\le n\le L\\ (2^L-1)\,2^{-n} & n\ge L+1\\ 0 & \text{otherwise}\end{cases}\]", W, "cases", "off-by-one case boundary (ramp case extends to n = L)", "wrong at n = L",
  lambda e: pw(e, lambda n, L: 0 if n < 0 else (2 - 2.0 ** -n if n <= L else (2 ** L - 1) * 2.0 ** -n)))
A(p, t, "latex", r"$y(n)=2-(1/2)^n$ for $n\ge 0$ and $0$ otherwise", W, "prose", "ignored the finite length of x (step input)", "2 − 2^{−n} for all n ≥ 0",
  lambda e: pw(e, lambda n, L: 0 if n < 0 else 2 - 0.5 ** n))

# ---- gelu_silu
p, t = "gelu_silu", "dgelu_du"
A(p, t, "plain", "Phi(u) + u*phi(u)", R, "ASCII named Φ, φ", None, "Φ(u) + uφ(u)", lambda e: Phi(e.u) + e.u * phi(e.u))
A(p, t, "plain", "0.5*(1 + erf(u/sqrt(2))) + u*exp(-u^2/2)/sqrt(2*pi)", R, "ASCII explicit", None, "same", lambda e: 0.5 * (1 + erf(e.u / np.sqrt(2))) + e.u * np.exp(-e.u ** 2 / 2) / np.sqrt(2 * np.pi))
A(p, t, "converter", r"\frac{1}{2}\left(1+\operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right)+\frac{u}{\sqrt{2 \pi}} e^{-\frac{u^{2}}{2}}", R, "mathpix", None, "same",
  lambda e: 0.5 * (1 + erf(e.u / np.sqrt(2))) + e.u / np.sqrt(2 * np.pi) * np.exp(-e.u ** 2 / 2))
A(p, t, "latex", r"$\frac{d}{du}\mathrm{GELU}(u) = \Phi(u) + u\,\varphi(u)$, where $\varphi(u)=\frac{1}{\sqrt{2\pi}}e^{-u^2/2}$.", R, "prose where", None, "same", lambda e: Phi(e.u) + e.u * phi(e.u))
A(p, t, "latex", r"\[\frac{d}{du}\mathrm{GELU}(u)=\frac12\left(1+\operatorname{erf}\frac{u}{\sqrt2}\right)+\frac{u\,e^{-u^2/2}}{\sqrt{2\pi}}\]", R, "display", None, "same",
  lambda e: 0.5 * (1 + erf(e.u / np.sqrt(2))) + e.u * np.exp(-e.u ** 2 / 2) / np.sqrt(2 * np.pi))
A(p, t, "plain", "Phi(u)", W, "ASCII", "missing product-rule term uφ(u)", "Φ(u)", lambda e: Phi(e.u))
A(p, t, "converter", r"\frac{1}{2}\left(1+\operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right)+\frac{u}{\sqrt{\pi}} e^{-\frac{u^{2}}{2}}", W, "mathpix", "normalising constant 1/√π instead of 1/√(2π)", "…+ u e^{−u²/2}/√π",
  lambda e: 0.5 * (1 + erf(e.u / np.sqrt(2))) + e.u / np.sqrt(np.pi) * np.exp(-e.u ** 2 / 2))
A(p, t, "latex", r"$\Phi(u) + u\,e^{-u^2/2}$", W, "inline", "missing the 1/√(2π) of the density", "Φ + u e^{−u²/2}", lambda e: Phi(e.u) + e.u * np.exp(-e.u ** 2 / 2))
A(p, t, "latex", r"$\frac12\left(1+\operatorname{erf}\frac{u}{\sqrt2}\right)-\frac{u}{\sqrt{2\pi}}e^{-u^2/2}$", W, "inline", "wrong sign of the product-rule term", "Φ − uφ", lambda e: Phi(e.u) - e.u * phi(e.u))

t = "dsilu_du"
A(p, t, "plain", "sigma(u) + u*sigma(u)*(1 - sigma(u))", R, "ASCII", None, "σ + uσ(1−σ)", lambda e: sig(e.u) + e.u * sig(e.u) * (1 - sig(e.u)))
A(p, t, "plain", "σ(u)(1 + u(1 − σ(u)))", R, "unicode factored", None, "same", lambda e: sig(e.u) * (1 + e.u * (1 - sig(e.u))))
A(p, t, "converter", r"\sigma(u)+u \sigma^{\prime}(u)", R, "mathpix", None, "σ + uσ'", lambda e: sig(e.u) + e.u * dsig(e.u))
A(p, t, "latex", r"$\frac{d}{du}\mathrm{SiLU}(u) = \sigma(u) + u\sigma(u)(1-\sigma(u))$", R, "inline", None, "same", lambda e: sig(e.u) + e.u * sig(e.u) * (1 - sig(e.u)))
A(p, t, "latex", r"\[\frac{d}{du}\,\mathrm{SiLU}(u)=\frac{1+e^{-u}+u e^{-u}}{(1+e^{-u})^{2}}\]", R, "exponential form", None, "same", lambda e: (1 + np.exp(-e.u) + e.u * np.exp(-e.u)) / (1 + np.exp(-e.u)) ** 2)
A(p, t, "plain", "sigma(u)*(1-sigma(u))", W, "ASCII", "gave σ'(u) only (missing product rule)", "σ(1−σ)", lambda e: dsig(e.u))
A(p, t, "converter", r"\sigma(u)+u \sigma(u)", W, "mathpix", "σ instead of σ' in the second term", "σ + uσ", lambda e: sig(e.u) + e.u * sig(e.u))
A(p, t, "latex", r"$\sigma(u) + u\,\sigma(u)(1+\sigma(u))$", W, "inline", "sign error in σ' (1+σ)", "σ + uσ(1+σ)", lambda e: sig(e.u) + e.u * sig(e.u) * (1 + sig(e.u)))
A(p, t, "latex", r"$u\,\sigma(u)\,(1-\sigma(u))$", W, "inline", "missing the σ(u) term of the product rule", "uσ(1−σ)", lambda e: e.u * dsig(e.u))

# ---- logreg_hessian
p, t = "logreg_hessian", "dL_dw_vec"
A(p, t, "plain", "X^T (p - y)", R, "ASCII", None, "Xᵀ(p−y)", lambda e: e.X.T @ (e.p - e.y))
A(p, t, "plain", "Xᵀ(p − y)", R, "unicode", None, "Xᵀ(p−y)", lambda e: e.X.T @ (e.p - e.y))
A(p, t, "plain", "sum_n (p_n - y_n) x_n", R, "ASCII sum over rows", None, "Σ (p_n−y_n) x_n", lambda e: sum((e.p[k] - e.y[k]) * e.X[k] for k in range(e.N)))
A(p, t, "converter", r"\mathbf{X}^{\top}(\mathbf{p}-\mathbf{y})", R, "mathpix bold", None, "Xᵀ(p−y)", lambda e: e.X.T @ (e.p - e.y))
A(p, t, "latex", r"$\nabla_w L = X^T(p-y)$", R, "inline", None, "Xᵀ(p−y)", lambda e: e.X.T @ (e.p - e.y))
A(p, t, "latex", r"\[\nabla_w L=\sum_{n=1}^{N}\big(\sigma(w^Tx_n)-y_n\big)\,x_n\]", R, "display sum", None, "Σ (σ(wᵀx_n)−y_n) x_n", lambda e: sum((sig(e.w @ e.X[k]) - e.y[k]) * e.X[k] for k in range(e.N)))
A(p, t, "plain", "X (p - y)", W, "ASCII", "missing transpose", "X(p−y)", lambda e: e.X @ (e.p - e.y))
A(p, t, "converter", r"\mathbf{X}^{\top}(\mathbf{y}-\mathbf{p})", W, "mathpix", "wrong sign", "Xᵀ(y−p)", lambda e: e.X.T @ (e.y - e.p))
A(p, t, "latex", r"$\nabla_w L = \frac{1}{N}X^T(p-y)$", W, "inline", "extra 1/N (the loss is a sum, not a mean)", "Xᵀ(p−y)/N", lambda e: e.X.T @ (e.p - e.y) / e.N)
A(p, t, "latex", r"$X^T\big((p-y)\odot p\odot(1-p)\big)$", W, "inline", "extra σ' factor (squared-error chain rule)", "Xᵀ((p−y)p(1−p))", lambda e: e.X.T @ ((e.p - e.y) * e.p * (1 - e.p)))

t = "hess_matrix"
A(p, t, "plain", "X^T diag(p(1-p)) X", R, "ASCII", None, "XᵀSX", lambda e: e.X.T @ D(e.p * (1 - e.p)) @ e.X)
A(p, t, "plain", "Σ_n p_n(1 − p_n) x_n x_nᵀ", R, "unicode sum of outer products", None, "Σ p(1−p) x xᵀ", lambda e: sum(e.p[k] * (1 - e.p[k]) * O(e.X[k], e.X[k]) for k in range(e.N)))
A(p, t, "converter", r"\mathbf{X}^{\top} \operatorname{diag}(\mathbf{p} \odot(\mathbf{1}-\mathbf{p})) \mathbf{X}", R, "mathpix", None, "XᵀSX", lambda e: e.X.T @ D(e.p * (1 - e.p)) @ e.X)
A(p, t, "latex", r"$\nabla_w^2 L = X^T S X$, where $S=\operatorname{diag}(p_n(1-p_n))$", R, "prose where", None, "XᵀSX", lambda e: e.X.T @ D(e.p * (1 - e.p)) @ e.X)
A(p, t, "latex", r"\[\nabla^2_w L = \sum_{n=1}^{N} \sigma(s_n)\big(1-\sigma(s_n)\big)\,x_n x_n^{T}\]", R, "display sum", None, "Σ σ(1−σ) x xᵀ", lambda e: sum(sig(e.s[k]) * (1 - sig(e.s[k])) * O(e.X[k], e.X[k]) for k in range(e.N)))
A(p, t, "plain", "X diag(p(1-p)) X^T", W, "ASCII", "wrong order (N×N instead of d×d)", "XSXᵀ", lambda e: e.X @ D(e.p * (1 - e.p)) @ e.X.T)
A(p, t, "converter", r"\mathbf{X}^{\top} \operatorname{diag}(\mathbf{p}) \mathbf{X}", W, "mathpix", "missing the (1−p) factor", "Xᵀdiag(p)X", lambda e: e.X.T @ D(e.p) @ e.X)
A(p, t, "latex", r"$\nabla_w^2 L = X^TX$", W, "inline", "dropped the weights p(1−p) (least-squares Hessian)", "XᵀX", lambda e: e.X.T @ e.X)
A(p, t, "latex", r"$-X^T\operatorname{diag}\big(p(1-p)\big)X$", W, "inline", "wrong sign", "−XᵀSX", lambda e: -e.X.T @ D(e.p * (1 - e.p)) @ e.X)

# ---- ridge
p, t = "ridge", "dL_dw_vec"
A(p, t, "plain", "2 X^T (X w - y) + 2 lambda w", R, "ASCII", None, "2Xᵀ(Xw−y)+2λw", lambda e: 2 * e.X.T @ (e.X @ e.w - e.y) + 2 * e.lam * e.w)
A(p, t, "plain", "2Xᵀ(Xw − y) + 2λw", R, "unicode", None, "same", lambda e: 2 * e.X.T @ (e.X @ e.w - e.y) + 2 * e.lam * e.w)
A(p, t, "converter", r"2 \mathbf{X}^{\top}(\mathbf{X} \mathbf{w}-\mathbf{y})+2 \lambda \mathbf{w}", R, "mathpix", None, "same", lambda e: 2 * e.X.T @ (e.X @ e.w - e.y) + 2 * e.lam * e.w)
A(p, t, "latex", r"$\nabla L = 2X^Tr + 2\lambda w$ with $r = Xw-y$", R, "prose with r", None, "same", lambda e: 2 * e.X.T @ e.r + 2 * e.lam * e.w)
A(p, t, "latex", r"\[\nabla L = 2\left(X^TX+\lambda I\right)w - 2X^Ty\]", R, "expanded", None, "same", lambda e: 2 * (e.X.T @ e.X + e.lam * e.Id) @ e.w - 2 * e.X.T @ e.y)
A(p, t, "plain", "2 X^T (X w - y) + lambda w", W, "ASCII", "lost the 2 on the penalty term", "2Xᵀr + λw", lambda e: 2 * e.X.T @ e.r + e.lam * e.w)
A(p, t, "converter", r"\mathbf{X}^{\top}(\mathbf{X} \mathbf{w}-\mathbf{y})+\lambda \mathbf{w}", W, "mathpix", "lost the factor 2 (gradient of ½‖·‖²)", "Xᵀr + λw", lambda e: e.X.T @ e.r + e.lam * e.w)
A(p, t, "latex", r"$2X^T(y-Xw)+2\lambda w$", W, "inline", "wrong sign of the data term", "2Xᵀ(y−Xw)+2λw", lambda e: 2 * e.X.T @ (e.y - e.X @ e.w) + 2 * e.lam * e.w)
A(p, t, "latex", r"$\nabla L = 2X^T(Xw-y) + 2\lambda$", W, "inline", "dropped w in the penalty gradient", "2Xᵀr + 2λ1", lambda e: 2 * e.X.T @ e.r + 2 * e.lam)

t = "w_star"
A(p, t, "plain", "(X^T X + lambda I)^(-1) X^T y", R, "ASCII", None, "(XᵀX+λI)⁻¹Xᵀy", lambda e: np.linalg.inv(e.X.T @ e.X + e.lam * e.Id) @ e.X.T @ e.y)
A(p, t, "plain", "(XᵀX + λI)⁻¹ Xᵀ y", R, "unicode", None, "same", lambda e: np.linalg.inv(e.X.T @ e.X + e.lam * e.Id) @ e.X.T @ e.y)
A(p, t, "converter", r"\left(\mathbf{X}^{\top} \mathbf{X}+\lambda \mathbf{I}\right)^{-1} \mathbf{X}^{\top} \mathbf{y}", R, "mathpix", None, "same", lambda e: np.linalg.inv(e.X.T @ e.X + e.lam * e.Id) @ e.X.T @ e.y)
A(p, t, "latex", r"$w^* = (X^TX+\lambda I_d)^{-1}X^Ty$", R, "inline", None, "same", lambda e: np.linalg.inv(e.X.T @ e.X + e.lam * e.Id) @ e.X.T @ e.y)
A(p, t, "latex", r"\[2X^T(Xw-y)+2\lambda w=0 \Rightarrow w^* = \left(X^TX+\lambda I\right)^{-1}X^Ty\]", R, "Rightarrow step", None, "same", lambda e: np.linalg.inv(e.X.T @ e.X + e.lam * e.Id) @ e.X.T @ e.y)
A(p, t, "latex", r"$w^*=X^T(XX^T+\lambda I_N)^{-1}y$", R, "push-through (dual) form", None, "Xᵀ(XXᵀ+λI)⁻¹y", lambda e: e.X.T @ np.linalg.inv(e.X @ e.X.T + e.lam * e.IN) @ e.y)
A(p, t, "plain", "(X^T X)^(-1) X^T y", W, "ASCII", "missing λI (least squares only); singular when N < d", "(XᵀX)⁻¹Xᵀy", lambda e: np.linalg.pinv(e.X.T @ e.X) @ e.X.T @ e.y)
A(p, t, "converter", r"\left(\mathbf{X}^{\top} \mathbf{X}+2 \lambda \mathbf{I}\right)^{-1} \mathbf{X}^{\top} \mathbf{y}", W, "mathpix", "coefficient off: 2λ", "(XᵀX+2λI)⁻¹Xᵀy", lambda e: np.linalg.inv(e.X.T @ e.X + 2 * e.lam * e.Id) @ e.X.T @ e.y)
A(p, t, "latex", r"$w^*=(X^TX-\lambda I)^{-1}X^Ty$", W, "inline", "wrong sign of λ", "(XᵀX−λI)⁻¹Xᵀy", lambda e: np.linalg.inv(e.X.T @ e.X - e.lam * e.Id) @ e.X.T @ e.y)

# ---- gaussian_mle
p, t = "gaussian_mle", "dl_dvar"
S2 = lambda e: np.sum((e.x - e.mu) ** 2)
A(p, t, "plain", "-N/(2 sigma^2) + sum_n (x_n - mu)^2 / (2 sigma^4)", R, "ASCII", None, "−N/(2σ²)+S/(2σ⁴)", lambda e: -e.N / (2 * e.var) + S2(e) / (2 * e.var ** 2))
A(p, t, "plain", "−N/(2σ²) + (1/(2σ⁴)) Σ_n (x_n − μ)²", R, "unicode", None, "same", lambda e: -e.N / (2 * e.var) + S2(e) / (2 * e.var ** 2))
A(p, t, "converter", r"-\frac{N}{2 \sigma^{2}}+\frac{1}{2 \sigma^{4}} \sum_{n=1}^{N}\left(x_{n}-\mu\right)^{2}", R, "mathpix", None, "same", lambda e: -e.N / (2 * e.var) + S2(e) / (2 * e.var ** 2))
A(p, t, "latex", r"$\frac{\partial\ell}{\partial\sigma^2} = \frac{1}{2\sigma^4}\left(\sum_{n=1}^N (x_n-\mu)^2 - N\sigma^2\right)$", R, "factored", None, "same", lambda e: (S2(e) - e.N * e.var) / (2 * e.var ** 2))
A(p, t, "latex", r"\[\frac{\partial \ell}{\partial \sigma^2} = -\frac{N}{2}\cdot\frac{2\pi}{2\pi\sigma^2} + \frac{1}{2(\sigma^2)^2}\sum_{n}(x_n-\mu)^2\]", R, "unsimplified chain", None, "same",
  lambda e: -e.N / 2 * (2 * np.pi) / (2 * np.pi * e.var) + S2(e) / (2 * e.var ** 2))
A(p, t, "converter", r"-\frac{N}{\sigma}+\frac{1}{\sigma^{3}} \sum_{n=1}^{N}\left(x_{n}-\mu\right)^{2}", W, "mathpix", "differentiated with respect to σ instead of σ²", "−N/σ + S/σ³",
  lambda e: -e.N / np.sqrt(e.var) + S2(e) / np.sqrt(e.var) ** 3)
A(p, t, "latex", r"$-\frac{N}{2\sigma^2} - \frac{1}{2\sigma^4}\sum_n (x_n-\mu)^2$", W, "inline", "wrong sign of the second term", "−N/(2σ²) − S/(2σ⁴)", lambda e: -e.N / (2 * e.var) - S2(e) / (2 * e.var ** 2))
A(p, t, "plain", "-N/(2 sigma^2) + sum_n (x_n - mu)^2 / (2 sigma^2)", W, "ASCII", "wrong power: σ² instead of σ⁴", "−N/(2σ²) + S/(2σ²)", lambda e: -e.N / (2 * e.var) + S2(e) / (2 * e.var))
A(p, t, "latex", r"$-\frac{N}{\sigma^2}+\frac{1}{2\sigma^4}\sum_{n=1}^N(x_n-\mu)^2$", W, "inline", "lost the 1/2 in the first term", "−N/σ² + S/(2σ⁴)", lambda e: -e.N / e.var + S2(e) / (2 * e.var ** 2))

t = "var_hat"
A(p, t, "plain", "(1/N) sum_n (x_n - mu_hat)^2", R, "ASCII", None, "mean squared deviation", lambda e: np.sum((e.x - e.muh) ** 2) / e.N)
A(p, t, "plain", "1/N Σ (x_n − x̄)²", R, "unicode x̄", None, "same", lambda e: np.sum((e.x - e.x.mean()) ** 2) / e.N)
A(p, t, "converter", r"\frac{1}{N} \sum_{n=1}^{N}\left(x_{n}-\hat{\mu}\right)^{2}", R, "mathpix", None, "same", lambda e: np.sum((e.x - e.muh) ** 2) / e.N)
A(p, t, "latex", r"$\hat\sigma^2 = \frac1N\sum_{n=1}^N x_n^2 - \hat\mu^2$", R, "second-moment form", None, "mean x² − μ̂²", lambda e: np.mean(e.x ** 2) - e.muh ** 2)
A(p, t, "latex", r"\[\hat{\sigma}^2=\frac{1}{N}\sum_{n=1}^{N}\left(x_n-\frac{1}{N}\sum_{m=1}^{N}x_m\right)^2\]", R, "nested sums", None, "same", lambda e: np.sum((e.x - np.sum(e.x) / e.N) ** 2) / e.N)
A(p, t, "plain", "(1/(N-1)) sum_n (x_n - mu_hat)^2", W, "ASCII", "1/(N−1) (unbiased estimator, not the MLE)", "Σ(x−μ̂)²/(N−1)", lambda e: np.sum((e.x - e.muh) ** 2) / (e.N - 1))
A(p, t, "converter", r"\frac{1}{N} \sum_{n=1}^{N}\left(x_{n}-\hat{\mu}\right)", W, "mathpix", "missing the square (identically 0)", "mean deviation = 0", lambda e: np.sum(e.x - e.muh) / e.N)
A(p, t, "latex", r"$\hat\sigma^2 = \frac1N\sum_{n=1}^N x_n^2$", W, "inline", "forgot to subtract μ̂²", "mean x²", lambda e: np.mean(e.x ** 2))
A(p, t, "latex", r"$\hat\sigma^2=\sqrt{\frac1N\sum_n (x_n-\hat\mu)^2}$", W, "inline", "gave σ̂ (square root) instead of σ̂²", "σ̂", lambda e: np.sqrt(np.mean((e.x - e.muh) ** 2)))

# ---- softmax_temperature
p, t = "softmax_temperature", "dpT_dz"
jT = lambda e: e.pT[:, None] * (e.I - e.pT[None, :]) / e.T
A(p, t, "plain", "(1/T) p^T_k (delta_ik - p^T_i)", R, "ASCII", None, "p^T_k(δ_ik − p^T_i)/T", jT)
A(p, t, "plain", "pT_k(δ_ik − pT_i)/T", R, "unicode", None, "same", jT)
A(p, t, "converter", r"\frac{1}{T} p_{k}^{T}\left(\delta_{i k}-p_{i}^{T}\right)", R, "mathpix", None, "same", jT)
A(p, t, "latex", r"$\frac{\partial p^T_k}{\partial z_i} = \frac{p^T_k(\delta_{ik}-p^T_i)}{T}$", R, "inline", None, "same", jT)
A(p, t, "latex", r"$\frac{1}{T}p^T_k(1-p^T_k)$ if $i=k$, and $-\frac{1}{T}p^T_ip^T_k$ otherwise", R, "prose joined pieces", None, "same by cases",
  lambda e: np.where(e.I > 0, (e.pT * (1 - e.pT) / e.T)[:, None], -O(e.pT, e.pT) / e.T))
A(p, t, "plain", "p^T_k (delta_ik - p^T_i)", W, "ASCII", "missing the 1/T chain factor", "p^T_k(δ_ik − p^T_i)", lambda e: jT(e) * e.T)
A(p, t, "converter", r"T p_{k}^{T}\left(\delta_{i k}-p_{i}^{T}\right)", W, "mathpix", "multiplied by T instead of dividing", "T p^T_k(…)", lambda e: jT(e) * e.T ** 2)
A(p, t, "latex", r"$\frac{p^T_k(\delta_{ik}-p^T_i)}{T^2}$", W, "inline", "1/T² instead of 1/T", "…/T²", lambda e: jT(e) / e.T)
A(p, t, "latex", r"$\frac{1}{T}\,p^T_k(\delta_{ik}-p^T_k)$", W, "inline", "wrong index p^T_k in the bracket", "p^T_k(δ_ik − p^T_k)/T", lambda e: e.pT[:, None] * (e.I - e.pT[:, None]) / e.T)

t = "dL_dz"
A(p, t, "plain", "p_i - q_i", R, "ASCII", None, "p_i − q_i", lambda e: e.p - e.q)
A(p, t, "plain", "p_i − (1 − ε) y_i − ε/K", R, "unicode expanded q", None, "same", lambda e: e.p - (1 - e.eps) * e.y - e.eps / e.K)
A(p, t, "converter", r"p_{i}-q_{i}", R, "mathpix", None, "same", lambda e: e.p - e.q)
A(p, t, "latex", r"$\frac{\partial L}{\partial z_i} = p_i - (1-\epsilon)y_i - \frac{\epsilon}{K}$", R, "inline", None, "same", lambda e: e.p - (1 - e.eps) * e.y - e.eps / e.K)
A(p, t, "latex", r"\[\frac{\partial L}{\partial z_i}=-\sum_k q_k(\delta_{ik}-p_i)=p_i\sum_k q_k-q_i=p_i-q_i\]", R, "= chain", None, "same", lambda e: e.p * e.q.sum() - e.q)
A(p, t, "plain", "p_i - y_i", W, "ASCII", "ignored the label smoothing (y instead of q)", "p_i − y_i", lambda e: e.p - e.y)
A(p, t, "converter", r"p_{i}-(1-\epsilon) y_{i}-\epsilon", W, "mathpix", "ε instead of ε/K", "p − (1−ε)y − ε", lambda e: e.p - (1 - e.eps) * e.y - e.eps)
A(p, t, "latex", r"$p_i - (1-\epsilon)y_i + \frac{\epsilon}{K}$", W, "inline", "wrong sign of ε/K", "p − (1−ε)y + ε/K", lambda e: e.p - (1 - e.eps) * e.y + e.eps / e.K)
A(p, t, "latex", r"$p_i-\epsilon y_i-\frac{1-\epsilon}{K}$", W, "inline", "ε and 1−ε swapped", "p − εy − (1−ε)/K", lambda e: e.p - e.eps * e.y - (1 - e.eps) / e.K)

# ---- huber_lse
p, t = "huber_lse", "dh_du"
A(p, t, "plain", "u if |u| <= delta, delta*sign(u) otherwise", R, "ASCII cases in words", None, "clip(u,−δ,δ)", lambda e: np.where(np.abs(e.u) <= e.delta, e.u, e.delta * np.sign(e.u)))
A(p, t, "plain", "clip(u, −δ, δ)", R, "unicode clip", None, "clip", lambda e: np.clip(e.u, -e.delta, e.delta))
A(p, t, "converter", r"\left\{\begin{array}{ll}u, & |u| \leq \delta \\ \delta \operatorname{sign}(u), & |u|>\delta\end{array}\right.", R, "mathpix cases", None, "clip", lambda e: np.where(np.abs(e.u) <= e.delta, e.u, e.delta * np.sign(e.u)))
A(p, t, "latex", r"\[h_\delta'(u)=\begin{cases}u & |u|\le\delta\\ \delta & u>\delta\\ -\delta & u<-\delta\end{cases}\]", R, "three cases", None, "clip",
  lambda e: np.where(np.abs(e.u) <= e.delta, e.u, np.where(e.u > e.delta, e.delta, -e.delta)))
A(p, t, "latex", r"$\max(-\delta,\min(u,\delta))$", R, "max/min", None, "clip", lambda e: np.maximum(-e.delta, np.minimum(e.u, e.delta)))
A(p, t, "plain", "u if |u| <= delta, delta otherwise", W, "ASCII", "dropped sign(u) on the outer branch", "δ for u < −δ too", lambda e: np.where(np.abs(e.u) <= e.delta, e.u, e.delta))
A(p, t, "converter", r"\left\{\begin{array}{ll}u, & |u| \leq \delta \\ \operatorname{sign}(u), & |u|>\delta\end{array}\right.", W, "mathpix", "missing factor δ on the outer branch", "sign(u) outside", lambda e: np.where(np.abs(e.u) <= e.delta, e.u, np.sign(e.u)))
A(p, t, "latex", r"\[h_\delta'(u)=\begin{cases}u & |u|\le\delta\\ \delta\left(|u|-\frac{\delta}{2}\right) & \text{otherwise}\end{cases}\]", W, "cases", "outer branch is h itself, not its derivative", "δ(|u|−δ/2) outside",
  lambda e: np.where(np.abs(e.u) <= e.delta, e.u, e.delta * (np.abs(e.u) - e.delta / 2)))
A(p, t, "latex", r"$\delta\,\mathrm{sign}(u)$", W, "inline", "only the outer branch", "δ sign(u)", lambda e: e.delta * np.sign(e.u))

t = "hess_lse"
A(p, t, "plain", "s_i delta_ij - s_i s_j where s = softmax(z)", R, "ASCII with where", None, "diag(s) − ssᵀ", lambda e: e.s[:, None] * e.I - O(e.s, e.s))
A(p, t, "plain", "softmax(z)_i (δ_ij − softmax(z)_j)", R, "unicode", None, "same", lambda e: e.s[:, None] * (e.I - e.s[None, :]))
A(p, t, "converter", r"\frac{e^{z_{i}}}{\sum_{k} e^{z_{k}}} \delta_{i j}-\frac{e^{z_{i}+z_{j}}}{\left(\sum_{k} e^{z_{k}}\right)^{2}}", R, "mathpix exponentials", None, "same",
  lambda e: np.exp(e.z)[:, None] / np.exp(e.z).sum() * e.I - np.exp(e.z[:, None] + e.z[None, :]) / np.exp(e.z).sum() ** 2)
A(p, t, "latex", r"$\frac{\partial^2\mathrm{LSE}}{\partial z_i\partial z_j}=\mathrm{softmax}(z)_i\delta_{ij}-\mathrm{softmax}(z)_i\mathrm{softmax}(z)_j$", R, "inline", None, "same", lambda e: D(e.s) - O(e.s, e.s))
A(p, t, "latex", r"\[\frac{\partial^2 \mathrm{LSE}}{\partial z_i \partial z_j} = \frac{e^{z_i}\delta_{ij}\sum_k e^{z_k} - e^{z_i}e^{z_j}}{\left(\sum_k e^{z_k}\right)^2}\]", R, "quotient rule", None, "same",
  lambda e: (np.exp(e.z)[:, None] * e.I * np.exp(e.z).sum() - O(np.exp(e.z), np.exp(e.z))) / np.exp(e.z).sum() ** 2)
A(p, t, "plain", "softmax(z)_i (1 - softmax(z)_i)", W, "ASCII", "diagonal formula used for every j", "s_i(1−s_i) for all j", lambda e: (e.s * (1 - e.s))[:, None] * np.ones((1, e.K)))
A(p, t, "converter", r"\frac{e^{z_{i}}}{\sum_{k} e^{z_{k}}} \delta_{i j}-\frac{e^{z_{i}+z_{j}}}{\sum_{k} e^{z_{k}}}", W, "mathpix", "denominator of the second term not squared", "…/Σ instead of /Σ²",
  lambda e: np.exp(e.z)[:, None] / np.exp(e.z).sum() * e.I - np.exp(e.z[:, None] + e.z[None, :]) / np.exp(e.z).sum())
A(p, t, "latex", r"$\mathrm{softmax}(z)_i\,\delta_{ij}$", W, "inline", "dropped the −s_i s_j term", "diag(s)", lambda e: D(e.s))
A(p, t, "latex", r"$-\mathrm{softmax}(z)_i\,\mathrm{softmax}(z)_j$", W, "inline", "dropped the Kronecker-delta term", "−s_i s_j", lambda e: -O(e.s, e.s))

# ---- lstm_cell
p, t = "lstm_cell", "dh_dcprev"
dcp = lambda e: (e.o * e.tp * e.f)[:, None] * e.I
A(p, t, "plain", "o_k (1 - tanh^2(c_{t,k})) f_k delta_ik", R, "ASCII", None, "δ_ik o_k(1−tanh²c_k) f_k", dcp)
A(p, t, "plain", "δ_ik · o_{t,k} · (1 − tanh²(c_{t,k})) · f_{t,k}", R, "unicode", None, "same", dcp)
A(p, t, "converter", r"\delta_{i k} o_{t, k}\left(1-\tanh ^{2}\left(c_{t, k}\right)\right) f_{t, k}", R, "mathpix", None, "same", dcp)
A(p, t, "latex", r"$\frac{\partial h_{t,k}}{\partial c_{t-1,i}} = o_{t,k}\,(1-\tanh^2 c_{t,k})\,f_{t,k}\,\delta_{ik}$", R, "inline", None, "same", dcp)
A(p, t, "latex", r"\[\frac{\partial h_{t,k}}{\partial c_{t-1,i}}=\begin{cases}o_{t,k}f_{t,k}\operatorname{sech}^2(c_{t,k}) & i=k\\ 0 & i\ne k\end{cases}\]", R, "cases with sech²", None, "same",
  lambda e: (e.o * e.f / np.cosh(e.c) ** 2)[:, None] * e.I)
A(p, t, "plain", "o_{t,k} (1 - tanh^2(c_{t,k})) delta_ik", W, "ASCII", "missing chain factor f_{t,k}", "δ_ik o_k(1−tanh²c_k)", lambda e: (e.o * e.tp)[:, None] * e.I)
A(p, t, "converter", r"\delta_{i k} o_{t, k}\left(1-\tanh \left(c_{t, k}\right)\right)^{2} f_{t, k}", W, "mathpix", "(1 − tanh c)² instead of 1 − tanh² c", "…(1−tanh c)²…", lambda e: (e.o * (1 - np.tanh(e.c)) ** 2 * e.f)[:, None] * e.I)
A(p, t, "latex", r"$o_{t,k}\,(1-\tanh^2 c_{t-1,k})\,f_{t,k}\,\delta_{ik}$", W, "inline", "wrong time step: tanh' at c_{t−1} instead of c_t", "…tanh²(c_{t−1})…", lambda e: (e.o * (1 - np.tanh(e.cp) ** 2) * e.f)[:, None] * e.I)
A(p, t, "latex", r"$o_{t,k}\tanh(c_{t,k})\,f_{t,k}\,\delta_{ik}$", W, "inline", "tanh instead of its derivative", "…tanh(c_k)…", lambda e: (e.o * np.tanh(e.c) * e.f)[:, None] * e.I)

t = "dh_dhprev_matrix"
A(p, t, "plain", "diag(o_t ⊙ (1−o_t) ⊙ tanh(c_t)) W_o + diag(o_t ⊙ (1 − tanh²(c_t))) (diag(c_{t−1} ⊙ f_t ⊙ (1−f_t)) W_f + diag(g_t ⊙ i_t ⊙ (1−i_t)) W_i + diag(i_t ⊙ (1−g_t²)) W_g)", R, "unicode ⊙", None, "full Jacobian", lstm_J)
A(p, t, "converter", r"\operatorname{diag}\left(\mathbf{o}_{t} \odot\left(1-\mathbf{o}_{t}\right) \odot \tanh \left(\mathbf{c}_{t}\right)\right) W_{o}+\operatorname{diag}\left(\mathbf{o}_{t} \odot\left(1-\tanh ^{2}\left(\mathbf{c}_{t}\right)\right)\right)\left[\operatorname{diag}\left(\mathbf{c}_{t-1} \odot \mathbf{f}_{t} \odot\left(1-\mathbf{f}_{t}\right)\right) W_{f}+\operatorname{diag}\left(\mathbf{g}_{t} \odot \mathbf{i}_{t} \odot\left(1-\mathbf{i}_{t}\right)\right) W_{i}+\operatorname{diag}\left(\mathbf{i}_{t} \odot\left(1-\mathbf{g}_{t}^{2}\right)\right) W_{g}\right]", R, "mathpix bold", None, "full Jacobian", lstm_J)
A(p, t, "latex", r"\[\frac{\partial h_t}{\partial h_{t-1}} = D_o W_o + D_c\left(D_f W_f + D_i W_i + D_g W_g\right),\quad\text{where } D_o=\operatorname{diag}(o_t\odot(1-o_t)\odot\tanh c_t),\ D_c=\operatorname{diag}(o_t\odot(1-\tanh^2 c_t)),\ D_f=\operatorname{diag}(c_{t-1}\odot f_t\odot(1-f_t)),\ D_i=\operatorname{diag}(g_t\odot i_t\odot(1-i_t)),\ D_g=\operatorname{diag}(i_t\odot(1-g_t^2))\]", R, "where clause", None, "full Jacobian", lstm_J)
A(p, t, "latex", r"\begin{align*}\frac{\partial h_t}{\partial h_{t-1}} &= \operatorname{diag}(\tanh c_t)\operatorname{diag}(o_t(1-o_t))W_o \\ &\quad+ \operatorname{diag}(o_t)\operatorname{diag}(1-\tanh^2 c_t)\big[\operatorname{diag}(c_{t-1})\operatorname{diag}(f_t(1-f_t))W_f + \operatorname{diag}(g_t)\operatorname{diag}(i_t(1-i_t))W_i + \operatorname{diag}(i_t)\operatorname{diag}(1-g_t^2)W_g\big]\end{align*}", R, "align*, factored diags", None, "full Jacobian",
  lambda e: D(np.tanh(e.c)) @ D(e.o * (1 - e.o)) @ e.Wo + D(e.o) @ D(e.tp) @ (D(e.cp) @ D(e.f * (1 - e.f)) @ e.Wf + D(e.g) @ D(e.i * (1 - e.i)) @ e.Wi + D(e.i) @ D(1 - e.g ** 2) @ e.Wg))
A(p, t, "plain", "diag(o_t ⊙ (1 − tanh²(c_t))) (diag(c_{t−1} ⊙ f_t ⊙ (1−f_t)) W_f + diag(g_t ⊙ i_t ⊙ (1−i_t)) W_i + diag(i_t ⊙ (1−g_t²)) W_g)", W, "unicode", "missing the output-gate term diag(o(1−o) tanh c) W_o", "no W_o path",
  lambda e: D(e.o * e.tp) @ (D(e.cp * e.f * (1 - e.f)) @ e.Wf + D(e.g * e.i * (1 - e.i)) @ e.Wi + D(e.i * (1 - e.g ** 2)) @ e.Wg))
A(p, t, "converter", r"\operatorname{diag}\left(\mathbf{o}_{t} \odot\left(1-\mathbf{o}_{t}\right) \odot \tanh \left(\mathbf{c}_{t}\right)\right) W_{o}+\operatorname{diag}\left(\mathbf{o}_{t} \odot\left(1-\tanh ^{2}\left(\mathbf{c}_{t}\right)\right)\right)\left[\operatorname{diag}\left(\mathbf{f}_{t} \odot\left(1-\mathbf{f}_{t}\right)\right) W_{f}+\operatorname{diag}\left(\mathbf{g}_{t} \odot \mathbf{i}_{t} \odot\left(1-\mathbf{i}_{t}\right)\right) W_{i}+\operatorname{diag}\left(\mathbf{i}_{t} \odot\left(1-\mathbf{g}_{t}^{2}\right)\right) W_{g}\right]", W, "mathpix", "missing factor c_{t−1} in the forget-gate path", "forget path without c_{t−1}",
  lambda e: D(e.o * (1 - e.o) * np.tanh(e.c)) @ e.Wo + D(e.o * e.tp) @ (D(e.f * (1 - e.f)) @ e.Wf + D(e.g * e.i * (1 - e.i)) @ e.Wi + D(e.i * (1 - e.g ** 2)) @ e.Wg))
A(p, t, "latex", r"$W_o^T\operatorname{diag}(o_t\odot(1-o_t)\odot\tanh c_t) + \left(W_f^T D_f + W_i^T D_i + W_g^T D_g\right)\operatorname{diag}(o_t\odot(1-\tanh^2 c_t))$ with $D_f=\operatorname{diag}(c_{t-1}\odot f_t\odot(1-f_t))$, $D_i=\operatorname{diag}(g_t\odot i_t\odot(1-i_t))$, $D_g=\operatorname{diag}(i_t\odot(1-g_t^2))$", W, "prose, transposed", "transposed Jacobian (denominator layout)", "Jᵀ", lambda e: lstm_J(e).T)
A(p, t, "latex", r"\[\frac{\partial h_t}{\partial h_{t-1}}=\operatorname{diag}(o_t\odot(1-o_t)\odot\tanh c_t)W_o+\operatorname{diag}(o_t\odot(1-\tanh^2 c_t))\big(\operatorname{diag}(c_{t-1}\odot f_t)W_f+\operatorname{diag}(g_t\odot i_t)W_i+\operatorname{diag}(i_t\odot(1-g_t^2))W_g\big)\]", W, "display", "two mistakes: σ instead of σ' in the forget gate and in the input gate", "gates' σ' replaced by σ",
  lambda e: D(e.o * (1 - e.o) * np.tanh(e.c)) @ e.Wo + D(e.o * e.tp) @ (D(e.cp * e.f) @ e.Wf + D(e.g * e.i) @ e.Wi + D(e.i * (1 - e.g ** 2)) @ e.Wg))
A(p, t, "plain", "diag(o_t ⊙ (1−o_t) ⊙ tanh(c_t)) W_o + diag(o_t) (diag(c_{t−1} ⊙ f_t ⊙ (1−f_t)) W_f + diag(g_t ⊙ i_t ⊙ (1−i_t)) W_i + diag(i_t ⊙ (1−g_t²)) W_g)", W, "unicode", "missing the tanh'(c_t) factor", "no 1−tanh²c",
  lambda e: D(e.o * (1 - e.o) * np.tanh(e.c)) @ e.Wo + D(e.o) @ (D(e.cp * e.f * (1 - e.f)) @ e.Wf + D(e.g * e.i * (1 - e.i)) @ e.Wi + D(e.i * (1 - e.g ** 2)) @ e.Wg))

# ---- gru_cell
p, t = "gru_cell", "dh_dhprev_matrix"
A(p, t, "plain", "diag(1 − z_t) + diag((h̃_t − h_{t−1}) ⊙ z_t ⊙ (1 − z_t)) U_z + diag(z_t ⊙ (1 − h̃_t²)) U_h (diag(r_t) + diag(h_{t−1} ⊙ r_t ⊙ (1 − r_t)) U_r)", R, "unicode", None, "full Jacobian", gru_J)
A(p, t, "plain", "diag(1-z) + diag((htilde - h_prev)*z*(1-z)) U_z + diag(z*(1-htilde^2)) U_h (diag(r) + diag(h_prev*r*(1-r)) U_r)", R, "ASCII, t dropped", None, "full Jacobian", gru_J)
A(p, t, "converter", r"\operatorname{diag}\left(1-\mathbf{z}_{t}\right)+\operatorname{diag}\left(\left(\tilde{\mathbf{h}}_{t}-\mathbf{h}_{t-1}\right) \odot \mathbf{z}_{t} \odot\left(1-\mathbf{z}_{t}\right)\right) U_{z}+\operatorname{diag}\left(\mathbf{z}_{t} \odot\left(1-\tilde{\mathbf{h}}_{t}^{2}\right)\right) U_{h}\left(\operatorname{diag}\left(\mathbf{r}_{t}\right)+\operatorname{diag}\left(\mathbf{h}_{t-1} \odot \mathbf{r}_{t} \odot\left(1-\mathbf{r}_{t}\right)\right) U_{r}\right)", R, "mathpix", None, "full Jacobian", gru_J)
A(p, t, "latex", r"\[\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1-z_t) + \operatorname{diag}(\tilde h_t - h_{t-1})\,\operatorname{diag}(z_t\odot(1-z_t))\,U_z + \operatorname{diag}(z_t)\operatorname{diag}(1-\tilde h_t^2)\,U_h\big(\operatorname{diag}(r_t) + \operatorname{diag}(h_{t-1})\operatorname{diag}(r_t\odot(1-r_t))\,U_r\big)\]", R, "factored diags", None, "full Jacobian",
  lambda e: D(1 - e.z) + D(e.ht - e.hp) @ D(e.z * (1 - e.z)) @ e.Uz + D(e.z) @ D(1 - e.ht ** 2) @ e.Uh @ (D(e.r) + D(e.hp) @ D(e.r * (1 - e.r)) @ e.Ur))
A(p, t, "plain", "diag((h̃_t − h_{t−1}) ⊙ z_t ⊙ (1 − z_t)) U_z + diag(z_t ⊙ (1 − h̃_t²)) U_h (diag(r_t) + diag(h_{t−1} ⊙ r_t ⊙ (1 − r_t)) U_r)", W, "unicode", "missing the direct term diag(1 − z_t)", "no diag(1−z)",
  lambda e: gru_J(e) - D(1 - e.z))
A(p, t, "converter", r"\operatorname{diag}\left(1-\mathbf{z}_{t}\right)+\operatorname{diag}\left(\left(\mathbf{h}_{t-1}-\tilde{\mathbf{h}}_{t}\right) \odot \mathbf{z}_{t} \odot\left(1-\mathbf{z}_{t}\right)\right) U_{z}+\operatorname{diag}\left(\mathbf{z}_{t} \odot\left(1-\tilde{\mathbf{h}}_{t}^{2}\right)\right) U_{h}\left(\operatorname{diag}\left(\mathbf{r}_{t}\right)+\operatorname{diag}\left(\mathbf{h}_{t-1} \odot \mathbf{r}_{t} \odot\left(1-\mathbf{r}_{t}\right)\right) U_{r}\right)", W, "mathpix", "wrong sign in the update-gate term (h_{t−1} − h̃_t)", "sign flip on U_z path",
  lambda e: D(1 - e.z) - D((e.ht - e.hp) * e.z * (1 - e.z)) @ e.Uz + D(e.z * (1 - e.ht ** 2)) @ e.Uh @ (D(e.r) + D(e.hp * e.r * (1 - e.r)) @ e.Ur))
A(p, t, "latex", r"$\operatorname{diag}(1-z_t) + \operatorname{diag}((\tilde h_t - h_{t-1})\odot z_t\odot(1-z_t))U_z + \operatorname{diag}(z_t\odot(1-\tilde h_t^2))U_h\operatorname{diag}(h_{t-1}\odot r_t\odot(1-r_t))U_r$", W, "inline", "missing product-rule term diag(r_t) (direct h_{t−1} in r ⊙ h_{t−1})", "no diag(r) term",
  lambda e: D(1 - e.z) + D((e.ht - e.hp) * e.z * (1 - e.z)) @ e.Uz + D(e.z * (1 - e.ht ** 2)) @ e.Uh @ D(e.hp * e.r * (1 - e.r)) @ e.Ur)
A(p, t, "latex", r"$\operatorname{diag}(1-z_t) + \operatorname{diag}((\tilde h_t - h_{t-1})\odot z_t\odot(1-z_t))U_z + \operatorname{diag}(z_t\odot(1-\tilde h_t^2))U_h\operatorname{diag}(r_t)$", W, "inline", "missing the reset-gate path through U_r", "no U_r path",
  lambda e: D(1 - e.z) + D((e.ht - e.hp) * e.z * (1 - e.z)) @ e.Uz + D(e.z * (1 - e.ht ** 2)) @ e.Uh @ D(e.r))
A(p, t, "plain", "diag(1-z) + diag((htilde - h_prev)*z*(1-z)) U_z + diag(z*(1-htilde^2)) U_h^T (diag(r) + diag(h_prev*r*(1-r)) U_r)", W, "ASCII", "transposed U_h", "U_hᵀ",
  lambda e: D(1 - e.z) + D((e.ht - e.hp) * e.z * (1 - e.z)) @ e.Uz + D(e.z * (1 - e.ht ** 2)) @ e.Uh.T @ (D(e.r) + D(e.hp * e.r * (1 - e.r)) @ e.Ur))

# ---- tied_autoencoder
p, t = "tied_autoencoder", "dL_dW_matrix"
A(p, t, "plain", "2 h (x̂ − x)ᵀ + 2 (σ'(a) ⊙ W(x̂ − x)) xᵀ", R, "unicode", None, "both uses of W", lambda e: 2 * O(e.h, e.res) + 2 * O(e.sp * (e.W @ e.res), e.x))
A(p, t, "plain", "2*h*(xhat - x)^T + 2*(h*(1-h)*(W(xhat-x))) x^T", R, "ASCII, σ' as h(1−h)", None, "same", lambda e: 2 * O(e.h, e.res) + 2 * O(e.h * (1 - e.h) * (e.W @ e.res), e.x))
A(p, t, "converter", r"2 \mathbf{h}(\hat{\mathbf{x}}-\mathbf{x})^{\top}+2\left(\sigma^{\prime}(\mathbf{a}) \odot \mathbf{W}(\hat{\mathbf{x}}-\mathbf{x})\right) \mathbf{x}^{\top}", R, "mathpix", None, "same", lambda e: 2 * O(e.h, e.res) + 2 * O(e.sp * (e.W @ e.res), e.x))
A(p, t, "latex", r"\[\frac{\partial L}{\partial W} = 2\,h\,e^T + 2\,\big(h\odot(1-h)\odot We\big)\,x^T,\quad \text{where } e = \hat x - x\]", R, "where clause", None, "same", lambda e: 2 * O(e.h, e.res) + 2 * O(e.h * (1 - e.h) * (e.W @ e.res), e.x))
A(p, t, "latex", r"$2\left(h(\hat x-x)^T + \operatorname{diag}(\sigma'(a))\,W(\hat x - x)\,x^T\right)$", R, "diag form", None, "same", lambda e: 2 * (O(e.h, e.res) + D(e.sp) @ O(e.W @ e.res, e.x)))
A(p, t, "plain", "2 h (x̂ − x)ᵀ", W, "unicode", "only the decoder use of W (encoder path missing)", "2h(x̂−x)ᵀ", lambda e: 2 * O(e.h, e.res))
A(p, t, "converter", r"2\left(\sigma^{\prime}(\mathbf{a}) \odot \mathbf{W}(\hat{\mathbf{x}}-\mathbf{x})\right) \mathbf{x}^{\top}", W, "mathpix", "only the encoder use of W (decoder path missing)", "encoder term only", lambda e: 2 * O(e.sp * (e.W @ e.res), e.x))
A(p, t, "latex", r"$2(\hat x - x)h^T + 2(\sigma'(a)\odot W(\hat x-x))x^T$", W, "inline", "first term transposed (n×m layout)", "2(x̂−x)hᵀ + …", lambda e: 2 * O(e.res, e.h) + 2 * O(e.sp * (e.W @ e.res), e.x))
A(p, t, "latex", r"$h(\hat x-x)^T + (\sigma'(a)\odot W(\hat x-x))x^T$", W, "inline", "lost the factor 2", "half the gradient", lambda e: O(e.h, e.res) + O(e.sp * (e.W @ e.res), e.x))
A(p, t, "latex", r"\[\frac{\partial L}{\partial W}=2h(\hat x-x)^T+2\big(\sigma(a)\odot W(\hat x-x)\big)x^T\]", W, "display", "σ instead of σ'", "σ(a) in encoder term", lambda e: 2 * O(e.h, e.res) + 2 * O(e.h * (e.W @ e.res), e.x))

# ---- vae_kl
p, t = "vae_kl", "dKL_dlogvar"
A(p, t, "plain", "(sigma_j^2 - 1)/2", R, "ASCII", None, "(σ²_j − 1)/2", lambda e: (e.s2 - 1) / 2)
A(p, t, "plain", "½(exp(log σ_j²) − 1)", R, "unicode exp", None, "same", lambda e: 0.5 * (np.exp(e.lv) - 1))
A(p, t, "converter", r"\frac{1}{2}\left(\sigma_{j}^{2}-1\right)", R, "mathpix", None, "same", lambda e: 0.5 * (e.s2 - 1))
A(p, t, "latex", r"$\frac{\partial \mathrm{KL}}{\partial \log\sigma_j^2} = \frac{1}{2}\left(e^{\log\sigma_j^2}-1\right)$", R, "inline", None, "same", lambda e: 0.5 * (np.exp(e.lv) - 1))
A(p, t, "latex", r"\[\frac{\partial\,\mathrm{KL}}{\partial \log\sigma^2_j}=\frac{\sigma_j^2}{2}-\frac12\]", R, "display split", None, "same", lambda e: e.s2 / 2 - 0.5)
A(p, t, "plain", "sigma_j^2 - 1", W, "ASCII", "lost the 1/2", "σ²_j − 1", lambda e: e.s2 - 1)
A(p, t, "converter", r"\frac{1}{2}\left(1-\frac{1}{\sigma_{j}^{2}}\right)", W, "mathpix", "differentiated with respect to σ²_j instead of log σ²_j", "½(1 − 1/σ²_j)", lambda e: 0.5 * (1 - 1 / e.s2))
A(p, t, "latex", r"$\frac12\sigma_j^2$", W, "inline", "dropped the −1 from the −log σ² term", "σ²_j/2", lambda e: 0.5 * e.s2)
A(p, t, "latex", r"$\frac{1}{2}(\sigma_j^2 - 1) + \mu_j$", W, "inline", "extra μ_j term (mixed with ∂KL/∂μ_j)", "½(σ²−1) + μ", lambda e: 0.5 * (e.s2 - 1) + e.mu)
A(p, t, "plain", "sigma_j^2 - 1/2", W, "ASCII", "missing parentheses: σ²_j − ½", "σ²_j − 1/2", lambda e: e.s2 - 0.5)


# ---- extra converter-style wrong answers (balance)
A("softmax_ce", "dL_dz", "converter", r"\[\sum_{k} y_{k} p_{k}-y_{i}\]", W, "mathpix \\[ \\]", "p_k summed with y_k instead of p_i Σ y_k", "Σ y_k p_k − y_i", lambda e: np.sum(e.y * e.p) - e.y)
A("mlp2", "dL_db2", "converter", r"$\left(o_{r}-t_{r}\right)^{2}$", W, "mathpix in $", "squared the residual (loss term instead of its derivative)", "(o_r − t_r)²", lambda e: (e.o - e.t) ** 2)
A("momentum", "v_limit", "converter", r"\(\frac{g}{1-\mu^{2}}\)", W, "mathpix \\( \\)", "μ² in the denominator", "g/(1−μ²)", lambda e: e.g / (1 - e.mu ** 2))
A("hw3_4a", "v_unrolled", "converter", r"\left(1-\beta_{2}\right) \sum_{i=1}^{t} \beta_{2}^{t-i} g_{i}^{2} \cdot \frac{1}{1-\beta_{2}^{t}}", W, "mathpix", "bias-corrected v̂_t given instead of v_t", "v̂_t",
  lambda e: vsum(e, lambda e, tt: (1 - e.b2) * sum(e.b2 ** (tt - i) * e.gs[i - 1] ** 2 for i in range(1, tt + 1)) / (1 - e.b2 ** tt)))
A("ridge", "dL_dw_vec", "converter", r"$$2 \mathbf{X}^{\top} \mathbf{X} \mathbf{w}-2 \mathbf{X}^{\top} \mathbf{y}+\lambda \mathbf{w}$$", W, "mathpix $$", "penalty gradient λw (lost a 2)", "2XᵀXw − 2Xᵀy + λw", lambda e: 2 * e.X.T @ e.X @ e.w - 2 * e.X.T @ e.y + e.lam * e.w)
A("gelu_silu", "dsilu_du", "converter", r"\sigma(u)\left(1-u \sigma(u)\right)", W, "mathpix", "misplaced factor in the factored form σ(1 + u(1−σ))", "σ(1 − uσ)", lambda e: sig(e.u) * (1 - e.u * sig(e.u)))
A("vae_kl", "dKL_dlogvar", "converter", r"\frac{1}{2}\left(\sigma_{j}^{2}-1\right) \cdot \sigma_{j}^{2}", W, "mathpix", "extra chain factor σ²_j (chain rule applied twice)", "½(σ²−1)σ²", lambda e: 0.5 * (e.s2 - 1) * e.s2)

# ================================================================= driver
def evaluate(fn, e):
    try:
        with np.errstate(all="ignore"):
            v = np.asarray(fn(e), dtype=float)
        return v
    except (ValueError, IndexError, np.linalg.LinAlgError):
        return None  # ill-typed at this size


def main():
    rng = np.random.default_rng(20240611)
    envs = {}
    for pname, spec in P.items():
        envs[pname] = []
        for s in spec["sizes"]:
            for _ in range(3):
                e = spec["make"](rng, s)
                spec["check"](e)          # reference vs finite differences / simulation
                envs[pname].append(e)
    rows, per = [], {}
    for a in ANS:
        pname, tname = a["problem"], a["target"]
        ref = P[pname]["refs"][tname]
        same, margin = True, 0.0
        for e in envs[pname]:
            r = np.asarray(ref(e), dtype=float)
            v = evaluate(a["fn"], e)
            if v is None or v.shape != r.shape:
                same = False
                margin = math.inf  # ill-typed or wrong shape at this size: clearly not the target
                continue
            if not np.allclose(v, r, rtol=RTOL, atol=ATOL):
                same = False
                margin = max(margin, float(np.max(np.abs(v - r) / (1 + np.abs(r)))))
        label = "right" if same else "wrong"
        assert label == a["label"], (pname, tname, a["latex"], label)
        if label == "wrong":
            assert margin > 1e-3, (pname, tname, a["latex"], margin)  # a clear difference somewhere, not round-off
        k = per.setdefault((pname, tname), 0) + 1
        per[(pname, tname)] = k
        rows.append(dict(id=f"h-{pname}-{tname}-{k:02d}", problem=pname, target=tname, latex=a["latex"], label=label,
                         source=a["source"], style=a["style"], mistake=a["mistake"], meaning=a["meaning"]))
        assert (a["mistake"] is None) == (label == "right")
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    from collections import Counter
    print("answers", len(rows), "targets", len(per), "problems", len({p for p, _ in per}))
    print("source", dict(Counter(r["source"] for r in rows)))
    print("label", dict(Counter(r["label"] for r in rows)))
    for pname in P:
        c = Counter(r["label"] for r in rows if r["problem"] == pname)
        print(f"  {pname:20s} targets={sum(1 for p, _ in per if p == pname)} right={c['right']} wrong={c['wrong']}")


if __name__ == "__main__":
    main()
