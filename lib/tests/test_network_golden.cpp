// Chapter 6: the layers and the loss that are not exercises (the activations, max-pooling,
// Flatten, the mean squared error) against torch.nn 1.13 in double precision.
// tools/golden/torch_network.py recorded torch's inputs, parameters, outputs and gradients in
// lib/testing/golden/torch_network.csv (torch never runs here); the library must reproduce every
// tensor to 1e-10, relative to the tensor's largest entry. Dense, Conv2D, softmax cross-entropy
// and whole networks are compared in Chapter 6's tests (solutions/ch06/).
#include "workbook/network.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/torch_network.hpp"

using namespace workbook;
using namespace workbook::nn;

using namespace workbook::testing::torch_golden;

BOOST_AUTO_TEST_SUITE(network_golden)

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

BOOST_AUTO_TEST_CASE(mean_squared_error_is_torch_mse_loss,
                     *utf::description("mean_squared_error is F.mse_loss (mean over every "
                                       "entry)")) {
  Matrix gradient;
  const double loss = mean_squared_error(tensor("mse", "input"), tensor("mse", "target"), gradient);
  check("mse", "loss", Matrix::Constant(1, 1, loss), "the mean over all K·B entries, no ½");
  check("mse", "input_gradient", gradient, "2(Y − T)/(KB)");
}

BOOST_AUTO_TEST_SUITE_END()
