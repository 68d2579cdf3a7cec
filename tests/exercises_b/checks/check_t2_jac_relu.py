from common import *
# y = W2 max(0, W1 x + b) ; dy/dx ; z = W1 x + b
for (n, m, p) in [(3, 4, 2), (5, 6, 3)]:
    for seed in [0, 1, 2]:
        rng = np.random.default_rng(seed)
        W1, x, b, W2 = draw(rng, m, n), draw(rng, n), draw(rng, m), draw(rng, p, m)
        if seed == 2:
            W1[::2] *= -1; b[::2] *= -1
        z = W1 @ x + b
        lab = f"n={n},m={m},p={p},seed={seed},inactive={int(np.sum(z<=0))}"
        f = lambda x: W2 @ relu(W1 @ x + b)
        # tool: W2 diag(1[z>0]) W1
        compare("J_x", jacobian(f)(x), W2 @ np.diag(ind(z)) @ W1, lab)
summary("t2_jac_relu")
