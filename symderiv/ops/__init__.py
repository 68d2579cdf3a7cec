"""What specs are written with: functions (σ, Upstream), sums and convolutions, 2-D signals,
optimizer recurrences, stationary points, densities, transforms, threshold logic.

Spec files import these names from here (``from symderiv.ops import sigmoid, Upstream``).
Each operation derives itself (``op.derive(ctx, steps)``) and checks its own result by an
independent path (``op.check(result)``); the engine only drives them.
"""

from .functions import Upstream, sigmoid, unit_step
from .functions import gradient_base as upstream_gradient
from .logic import Feasible, MaxMargin
from .optim import Evaluate, Recurrence, SolveFor, Unroll
from .signals import Conv2D, OutputSize
from .stationary import Stationary
from .stats import Peak, TransformedDensity
from .sums import Convolution
from .transforms import Kernel, Normalization, Separable2D, Transform

__all__ = [
    "Conv2D",
    "Convolution",
    "Evaluate",
    "Feasible",
    "Kernel",
    "MaxMargin",
    "Normalization",
    "OutputSize",
    "Peak",
    "Recurrence",
    "Separable2D",
    "SolveFor",
    "Stationary",
    "Transform",
    "TransformedDensity",
    "Unroll",
    "Upstream",
    "sigmoid",
    "unit_step",
    "upstream_gradient",
]
