from common import *
# L = 1/2||W2 tanh(W1 x) - t||^2 + lam/2 (||W1||_F^2 + ||W2||_F^2) ; z = W1 x
for (n, m, p) in [(3, 4, 2), (5, 2, 3)]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"n={n},m={m},p={p},seed={seed}"
        W1, x, W2, t = draw(rng, m, n), draw(rng, n), draw(rng, p, m), draw(rng, p)
        lam = rng.uniform(0.5, 1.5)
        L = lambda W1, W2: 0.5 * anp.sum((W2 @ anp.tanh(W1 @ x) - t) ** 2) + lam / 2 * (anp.sum(W1 ** 2) + anp.sum(W2 ** 2))
        th = np.tanh(W1 @ x)
        # tool: lam W1 + ((1 - tanh^2 z) o (W2^T W2 tanh z) + tanh^2 z o (W2^T t) - W2^T t) x^T
        tool1 = lam * W1 + np.outer((1 - th ** 2) * (W2.T @ W2 @ th) + th ** 2 * (W2.T @ t) - W2.T @ t, x)
        # tool: lam W2 + (W2 tanh z - t)(tanh z)^T
        tool2 = lam * W2 + np.outer(W2 @ th - t, th)
        compare("dL_dW1", grad(L, 0)(W1, W2), tool1, lab)
        compare("dL_dW2", grad(L, 1)(W1, W2), tool2, lab)
summary("t2_weight_decay")
