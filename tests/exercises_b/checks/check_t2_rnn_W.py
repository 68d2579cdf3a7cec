from common import *
# h_t = tanh(W h_{t-1} + U x_t + b), L = 1/2||h_t - y_t||^2
for (m, n) in [(3, 4), (5, 2)]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"m={m},n={n},seed={seed}"
        W, U, b, hp, x, y = draw(rng, m, m), draw(rng, m, n), draw(rng, m) - 3.0 * seed, draw(rng, m) - seed, draw(rng, n) - seed, draw(rng, m) - seed   # seed 0: all in [0.5,1.5]
        L = lambda W, U: 0.5 * anp.sum((anp.tanh(W @ hp + U @ x + b) - y) ** 2)
        ht = np.tanh(W @ hp + U @ x + b)
        d = -((ht - y) * ((ht + 1) * (ht - 1)))
        compare("dL_dW", grad(L, 0)(W, U), np.outer(d, hp), lab)   # tool: -((h_t - y_t) o ((h_t+1) o (h_t-1))) h_{t-1}^T
        compare("dL_dU", grad(L, 1)(W, U), np.outer(d, x), lab)    # same, x_t^T
summary("t2_rnn_W")
