from common import *
# h = ReLU(W1 x), L = 1/2||W2 h - t||^2 ; z = W1 x
for (n, m, p) in [(3, 4, 2), (5, 6, 3)]:
    for seed in [0, 1, 2]:
        rng = np.random.default_rng(seed)
        W1, x, W2, t = draw(rng, m, n), draw(rng, n), draw(rng, p, m), draw(rng, p)
        if seed == 2:
            W1[1::2] *= -1
        z = W1 @ x
        lab = f"n={n},m={m},p={p},seed={seed},inactive={int(np.sum(z<=0))}"
        L = lambda W1, x: 0.5 * anp.sum((W2 @ relu(W1 @ x) - t) ** 2)
        h = relu(z)
        # tool: (1[z>0] o (W2^T (W2 h - t))) x^T ; W1^T diag(1[z>0]) W2^T (W2 h - t)
        compare("dL_dW1", grad(L, 0)(W1, x), np.outer(ind(z) * (W2.T @ (W2 @ h - t)), x), lab)
        compare("dL_dx", grad(L, 1)(W1, x), W1.T @ np.diag(ind(z)) @ W2.T @ (W2 @ h - t), lab)
summary("t2_mlp2_relu")
