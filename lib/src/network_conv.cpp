// Chapter 6: Conv2D by im2col. The patches of the whole batch are copied into one matrix U
// (gather_patches(), an exercise), so that the convolution and both of its derivatives are matrix
// products; the patches' gradient goes back onto the pixels by scatter_patches().
#include <limits>
#include <stdexcept>
#include <string>

#include "network_checks.hpp"
#include "workbook/network.hpp"

namespace workbook::nn {

Conv2D::Conv2D(Index in_channels, Index out_channels, Index kernel_size, Padding padding)
    : WeightedLayer(out_channels, in_channels * kernel_size * kernel_size),
      in_channels_(in_channels),
      out_channels_(out_channels),
      kernel_size_(kernel_size),
      padding_(padding) {
  if (in_channels < 1 || out_channels < 1 || kernel_size < 1) {
    throw std::invalid_argument(describe() +
                                ": expected in_channels, out_channels and kernel_size >= 1");
  }
  if (padding == Padding::same && kernel_size % 2 == 0) {
    throw std::invalid_argument(describe() + ": kernel_size = " + std::to_string(kernel_size) +
                                " is invalid with 'same' padding: expected an odd kernel_size "
                                "(then (k − 1)/2 zeros on each side keep the image's size)");
  }
}

std::string Conv2D::describe() const {
  const std::string k = std::to_string(kernel_size_);
  return "Conv2D(" + std::to_string(in_channels_) + "→" + std::to_string(out_channels_) + ", " + k +
         "×" + k + ", " + to_string(padding_) + ")";
}

std::string Conv2D::parameter_name(Index j) const {
  const Index k2 = kernel_size_ * kernel_size_;
  const Index per_filter = in_channels_ * k2;
  if (j >= out_channels_ * per_filter)
    return "bias[" + std::to_string(j - out_channels_ * per_filter) + "]";
  const Index o = j / per_filter, c = (j % per_filter) / k2, i = (j % k2) / kernel_size_,
              jj = j % kernel_size_;
  return "weight[" + std::to_string(o) + ", " + std::to_string(c) + ", " + std::to_string(i) +
         ", " + std::to_string(jj) + "]";
}

Shape Conv2D::configure(const Shape& input) {
  if (input.channels != in_channels_) {
    fail("its input has " + std::to_string(input.channels) + " channels (shape " +
         input.to_string() + "), expected in_channels = " + std::to_string(in_channels_));
  }
  const Index k = kernel_size_;
  const Index p = padding_ == Padding::same ? (k - 1) / 2 : 0;
  const Index height = input.height + 2 * p - k + 1;
  const Index width = input.width + 2 * p - k + 1;
  if (height < 1 || width < 1) {
    fail("its input image " + std::to_string(input.height) + "×" + std::to_string(input.width) +
         " is smaller than the " + std::to_string(k) + "×" + std::to_string(k) +
         " kernel: 'valid' padding needs a height and width of at least " + std::to_string(k));
  }
  geometry_ = {input, k, padding_};
  return {out_channels_, height, width};
}

void Conv2D::compute_forward(const Matrix& input, Matrix& output) {
  const Index rows = in_channels_ * kernel_size_ * kernel_size_;  // of U
  const Index pixels = output_shape().height * output_shape().width;
  const Index batch = input.cols();

  // im2col (an exercise): column q + P·b of U is the patch of output pixel q of example b.
  // U starts as NaN, so that an entry gather_patches() leaves unwritten is caught by the check.
  patches_.setConstant(rows, pixels * batch, std::numeric_limits<double>::quiet_NaN());
  gather_patches(geometry_, input, patches_);
  check_returned(label(), "gather_patches()", "the patch matrix U", patches_, rows, pixels * batch,
                 "C_in k² × H_out W_out B");

  // Z = KU: row o, column q + P·b is output channel o at pixel q of example b.
  z_.noalias() = weight() * patches_;

  // Column b of Y holds channel o's plane at rows o·P .. o·P + P − 1: seen as a P × C_out matrix,
  // it is the transpose of Z's block of example b. Then the bias, one per channel.
  output.resize(out_channels_ * pixels, batch);
  for (Index b = 0; b < batch; ++b) {
    Eigen::Map<Matrix> planes(output.col(b).data(), pixels, out_channels_);
    planes = z_.middleCols(pixels * b, pixels).transpose();
    planes.rowwise() += bias().transpose();
  }
}

void Conv2D::compute_backward(const Matrix& output_gradient, Matrix& input_gradient) {
  const Index pixels = output_shape().height * output_shape().width;
  const Index batch = output_gradient.cols();

  // δZ: δY rearranged as Z is (the inverse of forward's last step).
  dz_.resize(out_channels_, pixels * batch);
  for (Index b = 0; b < batch; ++b) {
    dz_.middleCols(pixels * b, pixels) =
        Eigen::Map<const Matrix>(output_gradient.col(b).data(), pixels, out_channels_).transpose();
  }
  bias_gradient() += dz_.rowwise().sum();  // ∂L/∂b_o = Σ over pixels and batch
  weight_gradient().noalias() += dz_ * patches_.transpose();  // ∂L/∂K += δZ Uᵀ
  du_.noalias() = weight().transpose() * dz_;                 // δU = Kᵀ δZ

  // col2im (an exercise): every entry of a patch goes back, added, to the pixel it came from.
  input_gradient.setConstant(input_shape().size(), batch, std::numeric_limits<double>::quiet_NaN());
  scatter_patches(geometry_, du_, input_gradient);
  check_returned(label(), "scatter_patches()", "δX", input_gradient, input_shape().size(), batch,
                 "C_in H W × B");
}

}  // namespace workbook::nn
