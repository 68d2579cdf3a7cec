from common import *
# h_t = tanh(W h_{t-1} + U x_t + b) ; d h_t / d h_{t-1}
for (m, n) in [(3, 4), (5, 2)]:      # h: m, x: n
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"m={m},n={n},seed={seed}"
        W, U, b, hp, x = draw(rng, m, m) + m * np.eye(m), draw(rng, m, n), draw(rng, m), draw(rng, m), draw(rng, n)
        if seed == 1: W = W / (2 * m)   # seed 1: keep tanh away from saturation
        f = lambda hp: anp.tanh(W @ hp + U @ x + b - (2.5 if seed == 1 else 0.0))
        ht = f(hp)
        # tool: diag(1 - h_t^2) W
        compare("J", jacobian(f)(hp), np.diag(1 - ht ** 2) @ W, lab)
summary("t2_rnn_h")
