from common import *
# p = softmax(Wx+b), L = -y^T log p, 1^T y = 1
for (n, m) in [(3, 4), (5, 2)]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"n={n},m={m},seed={seed}"
        W, x, b = draw(rng, m, n), draw(rng, n), draw(rng, m)
        y = draw(rng, m); y = y / y.sum()
        L = lambda W, b: -y @ anp.log(softmax(W @ x + b))
        p = softmax(W @ x + b)
        compare("dL_dW", grad(L, 0)(W, b), np.outer(p - y, x), lab)   # tool: (p-y) x^T
        compare("dL_db", grad(L, 1)(W, b), p - y, lab)                 # tool: p - y
summary("t2_softmax_ce")
