// Chapter 6: the layers, losses and two small networks against torch.nn 1.13 in double precision.
// tools/golden/torch_network.py recorded torch's inputs, parameters, outputs and gradients in
// lib/testing/golden/torch_network.csv (torch never runs here); the library must reproduce every
// tensor to 1e-10, relative to the tensor's largest entry.
#include <map>

#include "workbook/network.hpp"
#include "workbook/testing/golden.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"

using namespace workbook;
using namespace workbook::nn;

namespace {

// case → tensor → matrix (one column per example, as nn::Network's batches).
using Golden = std::map<std::string, std::map<std::string, Matrix>>;

const Golden& golden() {
  static const Golden tensors = [] {
    Golden read;
    for (const testing::GoldenRow& row :
         testing::GoldenTable(testing::golden_file("torch_network.csv"))) {
      const Vector values = row.numbers("values");
      const Index rows = row.integer("rows"), cols = row.integer("cols");
      if (values.size() != rows * cols) {
        throw std::runtime_error(
            row.text("case") + ", " + row.text("tensor") + " (line " + std::to_string(row.line()) +
            " of torch_network.csv): " + std::to_string(values.size()) + " values for " +
            std::to_string(rows) + "×" + std::to_string(cols));
      }
      read[row.text("case")][row.text("tensor")] = testing::unflat(values, rows, cols);
    }
    return read;
  }();
  return tensors;
}

const Matrix& tensor(const std::string& name, const std::string& which) {
  const auto found = golden().find(name);
  if (found == golden().end()) throw std::runtime_error("no golden case " + name);
  const auto t = found->second.find(which);
  if (t == found->second.end()) throw std::runtime_error("no tensor " + which + " in " + name);
  return t->second;
}

std::vector<Index> labels_of(const std::string& name) {
  const Matrix& row = tensor(name, "labels");
  std::vector<Index> labels;
  for (Index b = 0; b < row.cols(); ++b) labels.push_back(static_cast<Index>(row(0, b)));
  return labels;
}

// ‖ours − torch‖∞ / ‖torch‖∞, and where the largest difference is, in words.
struct Comparison {
  double distance = 0.0;
  std::string where;
};

Comparison compare(const Matrix& ours, const Matrix& torch) {
  if (ours.rows() != torch.rows() || ours.cols() != torch.cols()) {
    return {std::numeric_limits<double>::infinity(),
            "the shapes differ: " + std::to_string(ours.rows()) + "×" +
                std::to_string(ours.cols()) + " against torch's " + std::to_string(torch.rows()) +
                "×" + std::to_string(torch.cols())};
  }
  Index row = 0, col = 0;
  const double worst = (ours - torch).cwiseAbs().maxCoeff(&row, &col);
  const double scale = std::max(torch.cwiseAbs().maxCoeff(), 1e-300);
  return {worst / scale, "worst at row " + std::to_string(row) + " of column " +
                             std::to_string(col) + ": " + format_number(ours(row, col), 17) +
                             " against torch's " + format_number(torch(row, col), 17)};
}

// Requires `ours` to be the case's golden `which` to 1e-10; `hint` says what probably went wrong.
void check(const std::string& name, const std::string& which, const Matrix& ours,
           const std::string& hint = "") {
  const Comparison c = compare(ours, tensor(name, which));
  BOOST_TEST_INFO(name << ", " << which << ": differs from torch by " << c.distance << " relative; "
                       << c.where << (hint.empty() ? "" : "; " + hint));
  BOOST_TEST(c.distance <= 1e-10);
}

// A layer case: θ from the file, forward the input, backward the recorded upstream gradient.
void check_layer(const std::string& name, Network& network,
                 const std::map<std::string, std::string>& hints = {}) {
  auto hint = [&](const std::string& which) {
    const auto h = hints.find(which);
    return h == hints.end() ? std::string() : h->second;
  };
  if (network.parameter_count() > 0) {
    network.set_parameters(tensor(name, "parameters"));
  }
  check(name, "output", network.forward(tensor(name, "input")), hint("output"));
  network.zero_gradient();
  check(name, "input_gradient", network.backward(tensor(name, "output_gradient")),
        hint("input_gradient"));
  if (network.parameter_count() > 0) {
    check(name, "parameter_gradient", network.gradient(), hint("parameter_gradient"));
  }
}

template <class L>
Network single(Shape input, L layer) {
  Network network(input);
  network.add(std::move(layer));
  return network;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(network_golden)

BOOST_AUTO_TEST_CASE(dense_is_torch_linear,
                     *utf::description("Dense(5→3) is nn.Linear(5, 3): θ = (W row-major, b), "
                                       "outputs and gradients to 1e-10")) {
  Network network = single(Shape{5}, Dense(5, 3));
  check_layer("dense", network,
              {{"output", "θ holds W row by row (torch's weight, out × in), then b"},
               {"parameter_gradient", "∂L/∂W = δY Xᵀ, summed over the batch"}});
}

BOOST_AUTO_TEST_CASE(activations_are_torch_activations,
                     *utf::description("ReLU, Tanh and Sigmoid are nn.ReLU, nn.Tanh and "
                                       "nn.Sigmoid, forward and backward")) {
  Network relu = single(Shape{6}, ReLU());
  check_layer("relu", relu);
  Network tanh = single(Shape{6}, Tanh());
  check_layer("tanh", tanh, {{"input_gradient", "tanh' = 1 − Y²"}});
  Network sigmoid = single(Shape{6}, Sigmoid());
  check_layer("sigmoid", sigmoid, {{"input_gradient", "σ' = Y(1 − Y)"}});
}

BOOST_AUTO_TEST_CASE(valid_convolution_is_torch_conv2d,
                     *utf::description("Conv2D(2→3, 3×3, valid) on 6×5 images is "
                                       "nn.Conv2d(2, 3, 3, padding='valid')")) {
  Network network = single(Shape{2, 6, 5}, Conv2D(2, 3, 3, Padding::valid));
  check_layer("conv_valid", network,
              {{"output",
                "torch's convolution is a cross-correlation (the kernel is not flipped); θ holds "
                "the (out, in, k, k) weight row-major, images are channel-major"},
               {"input_gradient", "col2im must add (+=) the overlapping patches"}});
}

BOOST_AUTO_TEST_CASE(same_convolution_is_torch_conv2d,
                     *utf::description("Conv2D(3→2, 3×3, same) on 5×6 images and Conv2D(2→4, "
                                       "5×5, same) on 6×7 images are nn.Conv2d(..., "
                                       "padding='same')")) {
  Network k3 = single(Shape{3, 5, 6}, Conv2D(3, 2, 3, Padding::same));
  check_layer("conv_same", k3, {{"output", "'same' pads (k − 1)/2 zeros on every side"}});
  Network k5 = single(Shape{2, 6, 7}, Conv2D(2, 4, 5, Padding::same));
  check_layer("conv_same_k5", k5, {{"output", "'same' pads (k − 1)/2 = 2 zeros for k = 5"}});
}

BOOST_AUTO_TEST_CASE(max_pool_is_torch_max_pool,
                     *utf::description("MaxPool2x2 on 4×6 images is nn.MaxPool2d(2)")) {
  Network network = single(Shape{3, 4, 6}, MaxPool2x2());
  check_layer("max_pool", network,
              {{"input_gradient", "δY goes to the position of each window's maximum only"}});
}

BOOST_AUTO_TEST_CASE(flatten_is_torch_flatten,
                     *utf::description("Flatten of 2×3×4 images is nn.Flatten(): the layout is "
                                       "already torch's channel-major order")) {
  Network network = single(Shape{2, 3, 4}, Flatten());
  check_layer("flatten", network);
}

BOOST_AUTO_TEST_CASE(softmax_cross_entropy_is_torch_cross_entropy,
                     *utf::description("softmax_cross_entropy is F.cross_entropy (mean over the "
                                       "batch), also at logits of order ±1000")) {
  for (const std::string name : {"cross_entropy", "cross_entropy_large"}) {
    Matrix gradient;
    const double loss = softmax_cross_entropy(tensor(name, "input"), labels_of(name), gradient);
    check(name, "loss", Matrix::Constant(1, 1, loss),
          "log-sum-exp with the maximum subtracted, averaged over the batch");
    check(name, "input_gradient", gradient, "(P − Y)/B");
  }
}

BOOST_AUTO_TEST_CASE(mean_squared_error_is_torch_mse_loss,
                     *utf::description("mean_squared_error is F.mse_loss (mean over every "
                                       "entry)")) {
  Matrix gradient;
  const double loss = mean_squared_error(tensor("mse", "input"), tensor("mse", "target"), gradient);
  check("mse", "loss", Matrix::Constant(1, 1, loss), "the mean over all K·B entries, no ½");
  check("mse", "input_gradient", gradient, "2(Y − T)/(KB)");
}

BOOST_AUTO_TEST_CASE(convolutional_network_is_torch_sequential,
                     *utf::description("Conv2D(2→3, 3×3, same) → ReLU → MaxPool2x2 → Flatten → "
                                       "Dense(27→4) → softmax cross-entropy: loss, ∇θ and ∂L/∂x "
                                       "as torch's nn.Sequential")) {
  const std::string name = "network_cnn";
  Network network(Shape{2, 6, 6});
  network.add(Conv2D(2, 3, 3, Padding::same));
  network.add(ReLU());
  network.add(MaxPool2x2());
  network.add(Flatten());
  network.add(Dense(27, 4));
  network.set_parameters(tensor(name, "parameters"));
  const Matrix& y = network.forward(tensor(name, "input"));
  check(name, "output", y);
  Matrix dy;
  const double loss = softmax_cross_entropy(y, labels_of(name), dy);
  check(name, "loss", Matrix::Constant(1, 1, loss));
  network.zero_gradient();
  check(name, "input_gradient", network.backward(dy));
  check(name, "parameter_gradient", network.gradient(),
        "θ = (conv weight, conv bias, dense weight, dense bias), as parameters_to_vector");
}

BOOST_AUTO_TEST_CASE(dense_network_is_torch_sequential,
                     *utf::description("Dense(4→6) → Tanh → Dense(6→3) → Sigmoid → mean squared "
                                       "error: loss, ∇θ and ∂L/∂x as torch's nn.Sequential")) {
  const std::string name = "network_mlp";
  Network network(Shape{4});
  network.add(Dense(4, 6));
  network.add(Tanh());
  network.add(Dense(6, 3));
  network.add(Sigmoid());
  network.set_parameters(tensor(name, "parameters"));
  const Matrix& y = network.forward(tensor(name, "input"));
  check(name, "output", y);
  Matrix dy;
  const double loss = mean_squared_error(y, tensor(name, "target"), dy);
  check(name, "loss", Matrix::Constant(1, 1, loss));
  network.zero_gradient();
  check(name, "input_gradient", network.backward(dy));
  check(name, "parameter_gradient", network.gradient());
}

BOOST_AUTO_TEST_SUITE_END()
