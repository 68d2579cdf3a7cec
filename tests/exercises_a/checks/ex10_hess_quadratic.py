from common import *
for n in [3, 5]:
    for seed in [1, 2]:
        r = np.random.RandomState(seed * 100 + n)
        A, b, c, x = U(r, n, n), U(r, n), U(r), U(r, n)
        f = lambda x: 0.5 * x @ A @ x + b @ x + c
        print(f"n={n} seed={seed}")
        compare("grad", grad(f)(x), 0.5 * ((A + A.T) @ x + 2 * b))
        compare("hess", hessian(f)(x), 0.5 * (A + A.T))
summary()
