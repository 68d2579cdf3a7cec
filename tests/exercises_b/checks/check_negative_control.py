from common import *
# Negative control: a deliberately wrong formula must be flagged by the harness.
for seed in [0, 1]:
    rng = np.random.default_rng(seed)
    W, x, b, t = draw(rng, 4, 3), draw(rng, 3), draw(rng, 4), draw(rng, 4)
    L = lambda W: 0.5 * anp.sum((sig(W @ x + b) - t) ** 2)
    h = sig(W @ x + b)
    compare("sigmoid dL_dW without (1-h)", grad(L)(W), np.outer(h * (h - t), x), f"seed={seed}")
    compare("ridge w* without lam", np.linalg.solve(np.eye(3) + W.T @ W, W.T @ t), np.linalg.solve(W.T @ W + 1e-12*np.eye(3), W.T @ t), f"seed={seed}")
summary("negative_control")
