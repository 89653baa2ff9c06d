// Known mistake: the gradients added to what the outputs held, not assigned.
#include "workbook/network.hpp"

void workbook::nn::dense_backward(const Matrix& input, ConstWeightMap weight,
                                  const Matrix& output_gradient, Matrix& weight_gradient,
                                  Vector& bias_gradient, Matrix& input_gradient) {
  // Y = WX + b1ᵀ, entry by entry y_ob = Σ_i w_oi x_ib + b_o. The chain rule sums over every
  // entry of Y that a parameter touches: w_oi and b_o touch row o of every example, x_ib touches
  // column b of every output.
  weight_gradient.noalias() += output_gradient * input.transpose();  // ∂L/∂W += δY Xᵀ
  bias_gradient += output_gradient.rowwise().sum();                  // ∂L/∂b += δY 1
  input_gradient.noalias() = weight.transpose() * output_gradient;   // δX = Wᵀ δY
}
