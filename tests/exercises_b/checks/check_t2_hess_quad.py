from common import *
# f = 1/2 x^T A x - b^T x  (A not symmetric, + nI)
for n in [3, 6]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"n={n},seed={seed}"
        A, x, b = draw(rng, n, n) + n * np.eye(n), draw(rng, n), draw(rng, n)
        f = lambda x: 0.5 * x @ A @ x - b @ x
        # tool: 1/2((A + A^T) x - 2b) ; 1/2 (A + A^T)
        compare("grad", grad(f)(x), 0.5 * ((A + A.T) @ x - 2 * b), lab)
        compare("hess", hessian(f)(x), 0.5 * (A + A.T), lab)
summary("t2_hess_quad")
