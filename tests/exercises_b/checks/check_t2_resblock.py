from common import *
# y = x + W2 ReLU(W1 x + b), L = 1/2||y-t||^2 ; z = W1 x + b
for (n, m) in [(3, 4), (5, 2)]:
    for seed in [0, 1, 2]:
        rng = np.random.default_rng(seed)
        W1, x, b, W2, t = draw(rng, m, n), draw(rng, n), draw(rng, m), draw(rng, n, m), draw(rng, n)
        if seed == 2:
            W1[::2] *= -1; b[::2] *= -1
        z = W1 @ x + b
        lab = f"n={n},m={m},seed={seed},inactive={int(np.sum(z<=0))}"
        L = lambda x, W1: 0.5 * anp.sum((x + W2 @ relu(W1 @ x + b) - t) ** 2)
        y = x + W2 @ relu(z)
        # tool: -t + y + W1^T diag(1[z>0]) W2^T (-t+y) ; (1[z>0] o (W2^T(-t+y))) x^T
        compare("dL_dx", grad(L, 0)(x, W1), -t + y + W1.T @ np.diag(ind(z)) @ W2.T @ (-t + y), lab)
        compare("dL_dW1", grad(L, 1)(x, W1), np.outer(ind(z) * (W2.T @ (-t + y)), x), lab)
summary("t2_resblock")
