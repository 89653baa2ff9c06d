#!/usr/bin/python3
"""Golden forward and backward passes of torch.nn layers and losses for Chapter 6 (lib/testing/golden/).

For every case below (one layer, one loss, or a small network) it fixes the parameters (torch's
default initialisation after torch.manual_seed) and a batch of inputs (torch.randn, same seed),
runs them forward in float64 on the CPU, then backward, and writes

    torch_network.csv   one row per tensor: case,tensor,rows,cols,values

with the tensors

    input               the batch x
    labels, target      what a loss compares with (cross-entropy: class indices; MSE: numbers)
    parameters          θ = torch.nn.utils.parameters_to_vector(model.parameters())
    output              the model's output y
    output_gradient     a layer's upstream gradient R: backward computes the gradients of Σ R ⊙ y
    loss                a loss's value (mean over the batch)
    input_gradient      ∂/∂x
    parameter_gradient  ∂/∂θ, in the order of θ

Every tensor is written as the library's nn::Network holds it (lib/include/workbook/network.hpp):
a matrix with one column per example (an image channel-major: torch's x.reshape(B, -1), transposed),
its `values` space-separated in column-major order, so that column b is torch's example b; θ and
its gradient are one column. The file has the format of every golden file (golden_csv.py): numbers
with 17 significant digits, so that it holds torch's doubles exactly.
lib/tests/test_network_golden.cpp builds the same layers and networks and must reproduce every
tensor to 1e-10; the tests read the file and never run torch. Regenerate with
(torch is a Debian package, hence /usr/bin/python3):

    /usr/bin/python3 tools/golden/torch_network.py [output folder, default lib/testing/golden]
"""

import os
import sys

import torch
from torch import nn
from torch.nn import functional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_csv  # noqa: E402

torch.set_default_dtype(torch.float64)


def layer_case(make, input_shape, batch=3, scale=1.0):
    """A layer: Σ R ⊙ y differentiated with a random upstream gradient R."""
    return {"kind": "layer", "make": make, "input_shape": input_shape, "batch": batch,
            "scale": scale}


# name: what it runs. Input shapes are one example's (torch adds the batch dimension first).
CASES = {
    "dense": layer_case(lambda: nn.Linear(5, 3), (5,), batch=4),
    "relu": layer_case(lambda: nn.ReLU(), (6,), batch=4),
    "tanh": layer_case(lambda: nn.Tanh(), (6,), batch=4, scale=2.0),
    "sigmoid": layer_case(lambda: nn.Sigmoid(), (6,), batch=4, scale=3.0),
    # Non-square images, so that a height and a width swapped cannot pass.
    "conv_valid": layer_case(lambda: nn.Conv2d(2, 3, 3, padding="valid"), (2, 6, 5), batch=2),
    "conv_same": layer_case(lambda: nn.Conv2d(3, 2, 3, padding="same"), (3, 5, 6), batch=2),
    "conv_same_k5": layer_case(lambda: nn.Conv2d(2, 4, 5, padding="same"), (2, 6, 7), batch=2),
    "max_pool": layer_case(lambda: nn.MaxPool2d(2), (3, 4, 6), batch=2),
    "flatten": layer_case(lambda: nn.Flatten(), (2, 3, 4), batch=2),
    "cross_entropy": {"kind": "cross_entropy", "classes": 5, "batch": 4, "scale": 2.0},
    # Logits of order ±1000: exp overflows unless the maximum is subtracted first.
    "cross_entropy_large": {"kind": "cross_entropy", "classes": 4, "batch": 3, "scale": 1000.0},
    "mse": {"kind": "mse", "outputs": 3, "batch": 4},
    # conv–relu–pool–flatten–dense–softmax cross-entropy
    "network_cnn": {
        "kind": "network", "loss": "cross_entropy", "input_shape": (2, 6, 6), "batch": 3,
        "make": lambda: nn.Sequential(nn.Conv2d(2, 3, 3, padding="same"), nn.ReLU(),
                                      nn.MaxPool2d(2), nn.Flatten(), nn.Linear(27, 4)),
    },
    # dense–tanh–dense–sigmoid–mean squared error
    "network_mlp": {
        "kind": "network", "loss": "mse", "input_shape": (4,), "batch": 5,
        "make": lambda: nn.Sequential(nn.Linear(4, 6), nn.Tanh(), nn.Linear(6, 3), nn.Sigmoid()),
    },
}


def as_matrix(tensor, batch=None):
    """The library's matrix: rows, cols, values column by column (one column per example)."""
    t = tensor.detach()
    if batch is None:  # a vector (θ, its gradient) or a scalar: one column
        flat = t.reshape(-1)
        return flat.numel(), 1, flat.tolist()
    rows = t.reshape(batch, -1)  # example b in row b, channel-major
    return rows.shape[1], batch, rows.reshape(-1).tolist()


def parameters_of(model):
    params = list(model.parameters())
    if not params:
        return None, None
    theta = torch.nn.utils.parameters_to_vector(params)
    gradient = torch.cat([p.grad.reshape(-1) for p in params])
    return theta, gradient


def run(name, case, seed):
    torch.manual_seed(seed)
    tensors = []  # (name, tensor, batched)
    batch = case["batch"]
    if case["kind"] == "layer":
        model = case["make"]()
        x = (case["scale"] * torch.randn(batch, *case["input_shape"])).requires_grad_()
        y = model(x)
        upstream = torch.randn_like(y)
        y.backward(upstream)
        tensors += [("input", x, True), ("output", y, True), ("output_gradient", upstream, True),
                    ("input_gradient", x.grad, True)]
    elif case["kind"] == "cross_entropy":
        x = (case["scale"] * torch.randn(batch, case["classes"])).requires_grad_()
        labels = torch.randint(0, case["classes"], (batch,))
        loss = functional.cross_entropy(x, labels)
        loss.backward()
        model = None
        tensors += [("input", x, True), ("labels", labels.double(), True), ("loss", loss, False),
                    ("input_gradient", x.grad, True)]
    elif case["kind"] == "mse":
        x = torch.randn(batch, case["outputs"]).requires_grad_()
        target = torch.randn(batch, case["outputs"])
        loss = functional.mse_loss(x, target)
        loss.backward()
        model = None
        tensors += [("input", x, True), ("target", target, True), ("loss", loss, False),
                    ("input_gradient", x.grad, True)]
    else:  # a network and its loss
        model = case["make"]()
        x = torch.randn(batch, *case["input_shape"]).requires_grad_()
        y = model(x)
        if case["loss"] == "cross_entropy":
            labels = torch.randint(0, y.shape[1], (batch,))
            loss = functional.cross_entropy(y, labels)
            compared = ("labels", labels.double(), True)
        else:
            target = torch.rand(batch, y.shape[1])
            loss = functional.mse_loss(y, target)
            compared = ("target", target, True)
        loss.backward()
        tensors += [("input", x, True), compared, ("output", y, True), ("loss", loss, False),
                    ("input_gradient", x.grad, True)]
    if model is not None:
        theta, gradient = parameters_of(model)
        if theta is not None:
            tensors += [("parameters", theta, False), ("parameter_gradient", gradient, False)]
    rows = []
    for tensor_name, tensor, batched in tensors:
        r, c, values = as_matrix(tensor, batch if batched else None)
        rows.append([name, tensor_name, r, c, golden_csv.vector(values)])
    return rows


def main():
    path = golden_csv.write(
        golden_csv.output_folder() / "torch_network.csv",
        [f"torch.nn {torch.__version__}, float64, CPU; tools/golden/torch_network.py"],
        ["case", "tensor", "rows", "cols", "values"],
        [row for seed, (name, case) in enumerate(CASES.items()) for row in run(name, case, seed)])
    print(f"{path}: {len(CASES)} cases")


if __name__ == "__main__":
    main()
