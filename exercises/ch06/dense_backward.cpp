// Chapter 6, exercise 1: the backward pass of a dense layer.
//
// Read: Chapter 6, §6.1 "The chain rule on a graph" and §6.3 "A dense layer"
// (chapters/ch06_networks.md, #ch06-dense); the comment of dense_backward() in
// lib/include/workbook/network.hpp states the contract.
//
// Contract: the layer computed Y = WX + b1ᵀ for a batch X of B examples, one per column (in × B);
// W is out × in, torch's layout. Given δY = ∂L/∂Y (out × B), write
//   weight_gradient  ∂L/∂W, out × in;
//   bias_gradient    ∂L/∂b, out entries;
//   input_gradient   δX = ∂L/∂X, in × B;
// for the whole batch at once, with matrix products and no loop over the examples. Overwrite the
// three outputs (resize them as needed); the layer adds the first two to the network's gradient.
// δY already carries the loss's 1/B. Change none of the inputs.
//
// Check:  ctest --preset default -L ch06 -R dense_backward
#include "workbook/errors.hpp"
#include "workbook/network.hpp"

void workbook::nn::dense_backward(const Matrix& input, ConstWeightMap weight,
                                  const Matrix& output_gradient, Matrix& weight_gradient,
                                  Vector& bias_gradient, Matrix& input_gradient) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 6, §6.3 A dense layer");
}
