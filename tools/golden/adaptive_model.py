"""The adaptive methods of Chapter 5 written out from their formulas, one coordinate at a time.

Each optimizer is a function of the settings (named as in torch.optim and in the workbook's
registry) and of a *variant*: "formula" is the rule as Chapter 5 states it (torch.optim 1.13's
documented algorithm); every other variant changes one convention on purpose (epsilon inside the
square root, no bias correction, ...), so that the golden trajectories pin each convention. Plain
Python floats are IEEE doubles, as in the C++ library.

Used by formula_adaptive.py (golden trajectories from the formulas) and torch_adaptive.py (which
checks torch.optim against these formulas before writing its own goldens).
"""

import math

import golden_csv


def sqrt(value):
    """math.sqrt, but NaN for a negative argument, as in C++."""
    return math.sqrt(value) if value >= 0.0 else math.nan

# The variants of each optimizer that the goldens pin, with what they change.
VARIANTS = {
    "adam": {
        "formula": "torch's Adam: m, v, then x -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)",
        "no_bias_correction": "no division by 1-b1^t and 1-b2^t",
        "epsilon_inside_root": "denominator sqrt(v/(1-b2^t) + eps)",
        "epsilon_before_correction": "denominator (sqrt(v) + eps)/sqrt(1-b2^t) (Kingma and Ba's "
                                     "'efficient' form, TensorFlow's convention)",
        "betas_swapped": "m averages with b2 and v with b1 (corrections swapped too)",
        "max_after_correction": "AMSGrad keeps max(v/(1-b2^t)) instead of max(v)",
        "no_max": "AMSGrad without the running maximum (plain Adam)",
        "coupled_weight_decay": "AdamW's decay added to the gradient (L2) instead of shrinking x",
    },
    "rmsprop": {
        "formula": "torch's RMSprop: v = a v + (1-a) g^2, x -= lr g/(sqrt(v) + eps)",
        "with_bias_correction": "v divided by 1-alpha^t, as Adam does",
        "epsilon_inside_root": "denominator sqrt(v + eps)",
        "not_centered": "centered ignored: sqrt(v) instead of sqrt(v - gbar^2)",
        "momentum_before_scaling": "b = mu b + g, x -= lr b/d instead of b = mu b + g/d",
    },
    "adagrad": {
        "formula": "torch's Adagrad: S += g^2, x -= lr/(1+(t-1) lr_decay) g/(sqrt(S) + eps)",
        "lr_decay_counts_from_one": "clr = lr/(1 + t lr_decay)",
        "epsilon_inside_root": "denominator sqrt(S + eps)",
        "accumulator_starts_at_zero": "initial_accumulator_value ignored",
    },
    "nadam": {
        "formula": "torch's documented NAdam (and its multi-tensor path)",
        "single_tensor_slip": "torch 1.13's single-tensor path: the product for the m-term is "
                              "prod(mu) * mu_t * mu_{t+1}, mu_t counted twice",
    },
    "adabelief": {
        "formula": "AdaBelief (Algorithm 2, no rectification): s = b2 s + (1-b2)(g-m)^2 + eps",
        "no_epsilon_in_s": "s without the + eps",
        "previous_m": "(g - m) with m before this step's update",
    },
}


def settings_text(settings):
    """The settings as the registry reads them: 'lr=0.1 betas=0.9,0.999 amsgrad=true'."""
    parts = []
    for name, value in settings.items():
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, tuple):
            text = ",".join(repr(float(v)) for v in value)
        else:
            text = repr(float(value))
        parts.append(f"{name}={text}")
    return " ".join(parts)


class Adam:
    """Adam, AMSGrad and AdamW (decoupled=True)."""

    def __init__(self, settings, variant="formula", decoupled=False):
        self.lr = settings.get("lr", 1e-3)
        self.b1, self.b2 = settings.get("betas", (0.9, 0.999))
        self.eps = settings.get("eps", 1e-8)
        self.wd = settings.get("weight_decay", 1e-2 if decoupled else 0.0)
        self.amsgrad = settings.get("amsgrad", False)
        self.bias_correction = settings.get("bias_correction", True)
        self.eps_inside_root = settings.get("eps_inside_root", False)
        self.decoupled = decoupled
        self.variant = variant
        if variant == "no_bias_correction":
            self.bias_correction = False
        if variant == "epsilon_inside_root":
            self.eps_inside_root = True
        if variant == "no_max":
            self.amsgrad = False
        if variant == "coupled_weight_decay":
            self.decoupled = False
        self.t = 0
        self.m = self.v = self.v_max = None

    def step(self, x, g):
        n = len(x)
        if self.m is None:
            self.m, self.v, self.v_max = [0.0] * n, [0.0] * n, [0.0] * n
        self.t += 1
        t = self.t
        b1, b2 = (self.b2, self.b1) if self.variant == "betas_swapped" else (self.b1, self.b2)
        bc1 = 1.0 - b1 ** t if self.bias_correction else 1.0
        bc2 = 1.0 - b2 ** t if self.bias_correction else 1.0
        step_size = self.lr / bc1
        x = list(x)
        for i in range(n):
            gi = g[i]
            if self.decoupled:
                x[i] *= 1.0 - self.lr * self.wd
            else:
                gi = gi + self.wd * x[i]
            self.m[i] = b1 * self.m[i] + (1.0 - b1) * gi
            self.v[i] = b2 * self.v[i] + (1.0 - b2) * gi * gi
            v = self.v[i]
            if self.amsgrad:
                if self.variant == "max_after_correction":
                    self.v_max[i] = max(self.v_max[i], v / bc2)
                    denominator = sqrt(self.v_max[i]) + self.eps
                    x[i] -= step_size * (self.m[i] / denominator)
                    continue
                self.v_max[i] = max(self.v_max[i], v)
                v = self.v_max[i]
            if self.eps_inside_root:
                denominator = sqrt(v / bc2 + self.eps)
            elif self.variant == "epsilon_before_correction":
                denominator = (sqrt(v) + self.eps) / sqrt(bc2)
            else:
                denominator = sqrt(v) / sqrt(bc2) + self.eps
            x[i] -= step_size * (self.m[i] / denominator)
        return x


class RMSprop:
    def __init__(self, settings, variant="formula"):
        self.lr = settings.get("lr", 1e-2)
        self.alpha = settings.get("alpha", 0.99)
        self.eps = settings.get("eps", 1e-8)
        self.wd = settings.get("weight_decay", 0.0)
        self.momentum = settings.get("momentum", 0.0)
        self.centered = settings.get("centered", False) and variant != "not_centered"
        self.variant = variant
        self.t = 0
        self.v = self.b = self.g_bar = None

    def step(self, x, g):
        n = len(x)
        if self.v is None:
            self.v, self.b, self.g_bar = [0.0] * n, [0.0] * n, [0.0] * n
        self.t += 1
        a = self.alpha
        correction = 1.0 - a ** self.t if self.variant == "with_bias_correction" else 1.0
        x = list(x)
        for i in range(n):
            gi = g[i] + self.wd * x[i]
            self.v[i] = a * self.v[i] + (1.0 - a) * gi * gi
            v = self.v[i] / correction
            if self.centered:
                self.g_bar[i] = a * self.g_bar[i] + (1.0 - a) * gi
                v = v - self.g_bar[i] * self.g_bar[i]
            if self.variant == "epsilon_inside_root":
                d = sqrt(v + self.eps)
            else:
                d = sqrt(v) + self.eps
            if self.momentum > 0.0:
                if self.variant == "momentum_before_scaling":
                    self.b[i] = self.momentum * self.b[i] + gi
                    x[i] -= self.lr * (self.b[i] / d)
                else:
                    self.b[i] = self.momentum * self.b[i] + gi / d
                    x[i] -= self.lr * self.b[i]
            else:
                x[i] -= self.lr * (gi / d)
        return x


class Adagrad:
    def __init__(self, settings, variant="formula"):
        self.lr = settings.get("lr", 1e-2)
        self.lr_decay = settings.get("lr_decay", 0.0)
        self.wd = settings.get("weight_decay", 0.0)
        self.tau = settings.get("initial_accumulator_value", 0.0)
        if variant == "accumulator_starts_at_zero":
            self.tau = 0.0
        self.eps = settings.get("eps", 1e-10)
        self.variant = variant
        self.t = 0
        self.S = None

    def step(self, x, g):
        n = len(x)
        if self.S is None:
            self.S = [self.tau] * n
        self.t += 1
        if self.variant == "lr_decay_counts_from_one":
            clr = self.lr / (1.0 + self.t * self.lr_decay)
        else:
            clr = self.lr / (1.0 + (self.t - 1) * self.lr_decay)
        x = list(x)
        for i in range(n):
            gi = g[i] + self.wd * x[i]
            self.S[i] += gi * gi
            if self.variant == "epsilon_inside_root":
                d = sqrt(self.S[i] + self.eps)
            else:
                d = sqrt(self.S[i]) + self.eps
            x[i] -= clr * (gi / d)
        return x


def nadam_mu(beta1, momentum_decay, t):
    """mu_t = beta1 (1 - 0.5 * 0.96^(t psi))."""
    return beta1 * (1.0 - 0.5 * 0.96 ** (t * momentum_decay))


class NAdam:
    def __init__(self, settings, variant="formula"):
        self.lr = settings.get("lr", 2e-3)
        self.b1, self.b2 = settings.get("betas", (0.9, 0.999))
        self.eps = settings.get("eps", 1e-8)
        self.wd = settings.get("weight_decay", 0.0)
        self.psi = settings.get("momentum_decay", 4e-3)
        self.variant = variant
        self.t = 0
        self.mu_product = 1.0
        self.m = self.v = None

    def step(self, x, g):
        n = len(x)
        if self.m is None:
            self.m, self.v = [0.0] * n, [0.0] * n
        self.t += 1
        t = self.t
        mu = nadam_mu(self.b1, self.psi, t)
        mu_next = nadam_mu(self.b1, self.psi, t + 1)
        self.mu_product *= mu
        if self.variant == "single_tensor_slip":
            mu_product_next = self.mu_product * mu * mu_next
        else:
            mu_product_next = self.mu_product * mu_next
        bc2 = 1.0 - self.b2 ** t
        gradient_coefficient = self.lr * (1.0 - mu) / (1.0 - self.mu_product)
        momentum_coefficient = self.lr * mu_next / (1.0 - mu_product_next)
        x = list(x)
        for i in range(n):
            gi = g[i] + self.wd * x[i]
            self.m[i] = self.b1 * self.m[i] + (1.0 - self.b1) * gi
            self.v[i] = self.b2 * self.v[i] + (1.0 - self.b2) * gi * gi
            d = sqrt(self.v[i] / bc2) + self.eps
            x[i] -= gradient_coefficient * (gi / d)
            x[i] -= momentum_coefficient * (self.m[i] / d)
        return x


class AdaBelief:
    def __init__(self, settings, variant="formula"):
        self.lr = settings.get("lr", 1e-3)
        self.b1, self.b2 = settings.get("betas", (0.9, 0.999))
        self.eps = settings.get("eps", 1e-16)
        self.variant = variant
        self.t = 0
        self.m = self.s = None

    def step(self, x, g):
        n = len(x)
        if self.m is None:
            self.m, self.s = [0.0] * n, [0.0] * n
        self.t += 1
        bc1 = 1.0 - self.b1 ** self.t
        bc2 = 1.0 - self.b2 ** self.t
        step_size = self.lr / bc1
        x = list(x)
        for i in range(n):
            gi = g[i]
            m_before = self.m[i]
            self.m[i] = self.b1 * self.m[i] + (1.0 - self.b1) * gi
            residual = gi - (m_before if self.variant == "previous_m" else self.m[i])
            self.s[i] = self.b2 * self.s[i] + (1.0 - self.b2) * residual * residual
            if self.variant != "no_epsilon_in_s":
                self.s[i] += self.eps
            d = sqrt(self.s[i]) / sqrt(bc2) + self.eps
            x[i] -= step_size * (self.m[i] / d)
        return x


def make(optimizer, settings, variant="formula"):
    """The model of `optimizer` (a registry name) with these settings and this variant."""
    if optimizer == "adam":
        return Adam(settings, variant)
    if optimizer == "adamw":
        return Adam(settings, variant, decoupled=True)
    if optimizer == "rmsprop":
        return RMSprop(settings, variant)
    if optimizer == "adagrad":
        return Adagrad(settings, variant)
    if optimizer == "nadam":
        return NAdam(settings, variant)
    if optimizer == "adabelief":
        return AdaBelief(settings, variant)
    raise ValueError(f"unknown optimizer {optimizer}")


# --- The deterministic problems of the torch goldens, with the gradients computed exactly as the
# --- library computes them (same operations in the same order), so both see the same numbers.

QUADRATIC_D = (0.002, 1.0, 30.0)  # f = 1/2 sum d_i x_i^2 - b.x
QUADRATIC_B = (0.001, 0.5, -3.0)
QUADRATIC_X0 = (1.0, -1.0, 0.5)
ROSENBROCK_X0 = (-1.2, 1.0)


def quadratic_gradient(x):
    return [QUADRATIC_D[i] * x[i] - QUADRATIC_B[i] for i in range(3)]


def rosenbrock_gradient(x):
    valley = x[1] - x[0] * x[0]
    return [-400.0 * x[0] * valley - 2.0 * (1.0 - x[0]), 200.0 * valley]


PROBLEMS = {
    "quadratic": (QUADRATIC_X0, quadratic_gradient),
    "rosenbrock": (ROSENBROCK_X0, rosenbrock_gradient),
}


HEADER = ["case", "optimizer", "variant", "problem", "step", "gradient", "x", "settings"]


def row(case, optimizer, variant, problem, step, gradient, x, settings):
    """One row of a golden file (golden_csv.py): the settings on step 0 only."""
    return [case, optimizer, variant, problem, step, golden_csv.vector(gradient),
            golden_csv.vector(x), settings_text(settings) if step == 0 else ""]


def max_relative_difference(a, b):
    """max over steps of ||a_k - b_k||_inf / max(||b_k||_inf, tiny)."""
    worst = 0.0
    for xa, xb in zip(a, b):
        scale = max(max(abs(v) for v in xb), 1e-300)
        diff = max(abs(p - q) for p, q in zip(xa, xb))
        if diff != diff:
            return math.inf
        worst = max(worst, diff / scale)
    return worst
