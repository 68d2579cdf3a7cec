from common import *
# h = max(0, Wx+b), L = 1/2||h-t||^2 ; z = Wx + b
for (n, m) in [(3, 4), (5, 6)]:
    for seed in [0, 1, 2]:
        rng = np.random.default_rng(seed)
        W, x, b, t = draw(rng, m, n), draw(rng, n), draw(rng, m), draw(rng, m)
        if seed == 2:               # draw with some inactive units
            W[::2] *= -1; b[::2] *= -1
        z = W @ x + b
        lab = f"n={n},m={m},seed={seed},inactive={int(np.sum(z<=0))}"
        L = lambda W, b: 0.5 * anp.sum((relu(W @ x + b) - t) ** 2)
        h = relu(z)
        # tool: ((h-t) o 1[z>0]) x^T ; (h-t) o 1[z>0]
        compare("dL_dW", grad(L, 0)(W, b), np.outer((h - t) * ind(z), x), lab)
        compare("dL_db", grad(L, 1)(W, b), (h - t) * ind(z), lab)
summary("t2_relu_layer")
