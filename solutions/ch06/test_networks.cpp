// Chapter 6, §6.1, §6.5–§6.7: what backpropagation costs against differences, the memory training
// a network holds, why the initial weights are random and scaled, and how a convolution is a dense
// layer with local, shared weights. The code shown in the notes is this file's.
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "workbook/adaptive.hpp"
#include "workbook/digit_networks.hpp"
#include "workbook/finite_differences.hpp"
#include "workbook/momentum.hpp"
#include "workbook/network.hpp"
#include "workbook/plotting.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"

using namespace workbook;
using namespace workbook::nn;
using testing::random_matrix;

namespace {

// The standard deviation of every entry of `m`.
double spread(const Matrix& m) {
  const double mean = m.mean();
  return std::sqrt((m.array() - mean).square().mean());
}

// A stack of `depth` Dense(width→width) layers, each followed by `activation`, drawn by `init` (or
// N(0, 0.01²) when `init` is empty).
template <class Activation>
Network deep_stack(Index width, int depth, std::optional<Initialization> init, std::uint64_t seed) {
  Network network(Shape{width});
  for (int l = 0; l < depth; ++l) {
    network.add(Dense(width, width));
    network.add(Activation());
  }
  if (init) {
    network.initialize(*init, seed);
  } else {
    Random random(seed);
    network.parameters() = testing::random_vector(network.parameter_count(), random, 0.01);
    for (Index l = 0; l < network.layer_count(); l += 2) {
      auto& dense = dynamic_cast<Dense&>(network.layer(l));
      dense.bias().setZero();
    }
  }
  return network;
}

// The spread of the activations after every Dense+activation pair, and of ∂L/∂(input) of every
// Dense layer, for a batch of N(0, 1) inputs and L = Σ R ⊙ output with R of N(0, 1) entries.
struct StackStatistics {
  std::vector<double> activations, gradients;
};

StackStatistics stack_statistics(Network& network, Index width, std::uint64_t seed) {
  Random random(seed);
  const Matrix x = random_matrix(width, 256, random);
  StackStatistics s;
  Matrix h = x;
  for (Index l = 0; l < network.layer_count(); l += 2) {
    Matrix z, a;
    network.layer(l).forward(h, z);
    network.layer(l + 1).forward(z, a);
    s.activations.push_back(spread(a));
    h = a;
  }
  network.forward(x);
  network.zero_gradient();
  Matrix delta = random_matrix(width, 256, random);
  for (Index l = network.layer_count() - 1; l >= 0; l -= 2) {
    Matrix before_activation, before_dense;
    network.layer(l).backward(delta, before_activation);
    network.layer(l - 1).backward(before_activation, before_dense);
    s.gradients.insert(s.gradients.begin(), spread(before_dense));
    delta = before_dense;
  }
  return s;
}

// The flops of a network's matrix products for a batch of `batch` examples (2 per multiply–add),
// counted from its layers' shapes: a Dense layer's forward pass is the product WX, its backward
// pass the two products δY Xᵀ and Wᵀ δY (§6.3). The element-wise work (the bias, ReLU, the loss)
// is left out.
struct PassFlops {
  double forward = 0.0, backward = 0.0;
};

PassFlops product_flops(const Network& network, Index batch) {
  PassFlops flops;
  for (Index l = 0; l < network.layer_count(); ++l) {
    if (const auto* dense = dynamic_cast<const Dense*>(&network.layer(l))) {
      const double in = static_cast<double>(dense->in_features());
      const double out = static_cast<double>(dense->out_features());
      const double b = static_cast<double>(batch);
      flops.forward += 2.0 * out * in * b;                        // W X
      flops.backward += 2.0 * out * b * in + 2.0 * in * out * b;  // δY Xᵀ and Wᵀ δY
    }
  }
  return flops;
}

// A network with softmax cross-entropy on a fixed batch, counting the passes made through it and
// their flops (product_flops()).
class CountedLoss {
 public:
  CountedLoss(Network network, Matrix x, std::vector<Index> labels)
      : network_(std::move(network)),
        x_(std::move(x)),
        labels_(std::move(labels)),
        pass_(product_flops(network_, x_.cols())) {}

  Network& network() { return network_; }
  // L at the network's θ: one forward pass.
  double value() {
    ++forward_passes;
    flops += pass_.forward;
    return softmax_cross_entropy(network_.forward(x_), labels_);
  }
  // ∇L at the network's θ by backpropagation: one forward and one backward pass.
  Vector gradient() {
    ++forward_passes;
    ++backward_passes;
    flops += pass_.forward + pass_.backward;
    Matrix dy;
    softmax_cross_entropy(network_.forward(x_), labels_, dy);
    network_.zero_gradient();
    network_.backward(dy);
    return network_.gradient();
  }
  // Forgets the passes counted so far.
  void reset() {
    forward_passes = backward_passes = 0;
    flops = 0.0;
  }
  const PassFlops& pass() const { return pass_; }

  long forward_passes = 0, backward_passes = 0;
  double flops = 0.0;

 private:
  Network network_;
  Matrix x_;
  std::vector<Index> labels_;
  PassFlops pass_;
};

// ∇L by central differences, each θᵢ moved by ±h in place: 2p evaluations of L.
Vector difference_gradient(CountedLoss& loss) {
  const double h = std::cbrt(std::numeric_limits<double>::epsilon());
  Vector& theta = loss.network().parameters();
  Vector gradient(theta.size());
  for (Index i = 0; i < theta.size(); ++i) {
    const double held = theta(i);
    theta(i) = held + h;
    const double up = loss.value();
    theta(i) = held - h;
    gradient(i) = (up - loss.value()) / (2.0 * h);
    theta(i) = held;
  }
  return gradient;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dense_backward)
BOOST_AUTO_TEST_SUITE(networks)

//! [memory]
BOOST_AUTO_TEST_CASE(the_memory_of_training,
                     *utf::description("§6.5: training holds the activations and their gradients "
                                       "(2n), θ and its gradient (2p) and the optimizer's state: "
                                       "0, 1, 2 and 3 vectors of p for SGD, momentum, Adam and "
                                       "AMSGrad — measured on the MLP 64–64–10 at a batch of 32")) {
  Network mlp = mlp_digits_network(64);
  mlp.initialize(Initialization::he_normal, 1);
  Random random(2);
  const Matrix x = random_matrix(64, 32, random);
  const Matrix& y = mlp.forward(x);
  mlp.zero_gradient();
  mlp.backward(Matrix::Ones(y.rows(), y.cols()));
  const Index p = mlp.parameter_count();
  // n: the outputs of the three layers (64, 64, 10 per example); their gradients are the inputs'
  // (64, 64, 64 per example).
  const Index n = (64 + 64 + 10) * 32, n_gradients = (64 + 64 + 64) * 32;
  BOOST_TEST(p == 64 * 64 + 64 + 64 * 10 + 10);
  BOOST_TEST(mlp.activation_bytes() == sizeof(double) * static_cast<std::size_t>(n + n_gradients));
  // What the layers keep for backward: X of both Dense layers and of the ReLU.
  BOOST_TEST(mlp.kept_bytes() == sizeof(double) * 3 * 64 * 32);

  const Vector theta = mlp.parameters();
  const SgdState sgd = start_state<SgdState>(theta, SgdParams{});
  const SgdState momentum = start_state<SgdState>(theta, SgdParams{.momentum = 0.9});
  AdamParams amsgrad_params;
  amsgrad_params.amsgrad = true;
  const AdamState adam = start_state<AdamState>(theta, AdamParams{});
  const AdamState amsgrad = start_state<AdamState>(theta, amsgrad_params);
  const auto vectors_of_p = [p](std::initializer_list<const Vector*> state) {
    Index values = 0;
    for (const Vector* v : state) values += v->size();
    return static_cast<double>(values) / static_cast<double>(p);
  };
  BOOST_TEST_MESSAGE("p = " << p << " parameters (" << 8 * p << " bytes), activations and their "
                            << "gradients " << mlp.activation_bytes() << " bytes, kept by the "
                            << "layers " << mlp.kept_bytes() << " bytes");
  BOOST_TEST(vectors_of_p({&sgd.momentum_buffer}) == 0.0);
  BOOST_TEST(vectors_of_p({&momentum.momentum_buffer}) == 1.0);
  BOOST_TEST(vectors_of_p({&adam.m, &adam.v, &adam.v_max}) == 2.0);
  BOOST_TEST(vectors_of_p({&amsgrad.m, &amsgrad.v, &amsgrad.v_max}) == 3.0);
}
//! [memory]

BOOST_AUTO_TEST_CASE(zero_weights_never_break_the_symmetry,
                     *utf::description("§6.6: with every weight 0, every hidden unit of the MLP "
                                       "computes the same thing and gets the same gradient, so "
                                       "100 steps of SGD leave all 64 rows of the first weight "
                                       "equal; random weights make them differ")) {
  Network mlp = mlp_digits_network(64);
  Random random(3);
  const Matrix x = random_matrix(64, 50, random);
  std::vector<Index> labels;
  for (Index b = 0; b < 50; ++b) labels.push_back(b % 10);
  const auto train = [&](Network& network) {
    for (int step = 0; step < 100; ++step) {
      Matrix dy;
      softmax_cross_entropy(network.forward(x), labels, dy);
      network.zero_gradient();
      network.backward(dy);
      network.parameters() -= 0.1 * network.gradient();
    }
    const auto& first = dynamic_cast<const Dense&>(network.layer(0));
    const RowMatrix w = first.weight();
    return (w.rowwise() - w.row(0)).cwiseAbs().maxCoeff();  // how much the rows differ
  };
  mlp.parameters().setConstant(0.0);
  BOOST_TEST_INFO("zero start: the rows of W₁ still differ by this much after 100 steps");
  BOOST_TEST(train(mlp) == 0.0);
  Network random_start = mlp_digits_network(64);
  random_start.initialize(Initialization::he_normal, 4);
  BOOST_TEST(train(random_start) > 0.1);
}

//! [initialisation]
BOOST_AUTO_TEST_CASE(
    the_scale_of_the_initial_weights,
    *utf::label("plot") *
        utf::description("§6.6: through 20 layers Dense(256→256) + ReLU, He's "
                         "N(0, 2/n_in) keeps the spread of the activations and "
                         "of the gradients within a factor 2 of the first "
                         "layer's; Xavier's N(0, 2/(n_in + n_out)) halves the "
                         "variance at every layer (the spread falls by 2^{-19/2} "
                         "≈ 1/724); N(0, 0.01²) makes them vanish (below 10⁻¹⁵)")) {
  constexpr Index width = 256;
  constexpr int depth = 20;
  plot::Figure figure("Spread of the activations through 20 layers Dense(256) + ReLU");
  figure.x_label("layer").y_label("standard deviation of the activations").log_y();
  std::vector<double> layers(depth);
  std::iota(layers.begin(), layers.end(), 1.0);
  const struct {
    std::string name;
    std::optional<Initialization> init;
  } draws[] = {{"He, N(0, 2/n_in)", Initialization::he_normal},
               {"Xavier, N(0, 2/(n_in + n_out))", Initialization::xavier_normal},
               {"N(0, 0.01²)", std::nullopt}};
  for (const auto& draw : draws) {
    Network network = deep_stack<ReLU>(width, depth, draw.init, 5);
    const StackStatistics s = stack_statistics(network, width, 6);
    const double activation_ratio = s.activations.back() / s.activations.front();
    const double gradient_ratio = s.gradients.front() / s.gradients.back();
    BOOST_TEST_MESSAGE(draw.name << ": activation spread from layer 1 to 20: "
                                 << s.activations.front() << " → " << s.activations.back()
                                 << ", gradient spread from layer 20 to 1: " << s.gradients.back()
                                 << " → " << s.gradients.front());
    if (draw.init == Initialization::he_normal) {
      BOOST_TEST(activation_ratio > 0.5);
      BOOST_TEST(activation_ratio < 2.0);
      BOOST_TEST(gradient_ratio > 0.5);
      BOOST_TEST(gradient_ratio < 2.0);
    } else if (draw.init == Initialization::xavier_normal) {
      BOOST_TEST(activation_ratio == std::pow(2.0, -19.0 / 2.0), tt::tolerance(0.5));
    } else {
      // A factor 0.01·√(256/2) ≈ 0.11 per layer: about 10⁻¹⁸ after 19 more.
      BOOST_TEST(s.activations.back() < 1e-15);
      BOOST_TEST(s.gradients.front() < 1e-15);
    }
    figure.add(draw.name, layers, s.activations, plot::Style::lines_points);
  }
  testing::draw(figure, "ch06_initialisation");
}
//! [initialisation]

//! [cost]
BOOST_AUTO_TEST_CASE(differences_cost_two_forward_passes_per_parameter,
                     *utf::description("§6.1: the central-difference gradient of the MLP costs 2p "
                                       "forward passes (p = 4810: 9620); backpropagation costs one "
                                       "forward and one backward pass, and both give the same "
                                       "gradient to 1e-7")) {
  Network mlp = mlp_digits_network(64);
  mlp.initialize(Initialization::he_normal, 8);
  Random random(9);
  const Matrix x = random_matrix(64, 16, random);
  std::vector<Index> labels;
  for (Index b = 0; b < 16; ++b) labels.push_back(b % 10);
  long forward_passes = 0;
  const ScalarFunction loss = [&](const Vector& theta) {
    ++forward_passes;
    mlp.set_parameters(theta);
    return softmax_cross_entropy(mlp.forward(x), labels);
  };
  const Vector theta = mlp.parameters();
  const double h = std::cbrt(std::numeric_limits<double>::epsilon());
  Vector by_differences(theta.size());
  Vector shifted = theta;
  for (Index i = 0; i < theta.size(); ++i) {
    shifted(i) = theta(i) + h;
    const double up = loss(shifted);
    shifted(i) = theta(i) - h;
    by_differences(i) = (up - loss(shifted)) / (2.0 * h);
    shifted(i) = theta(i);
  }
  BOOST_TEST(forward_passes == 2 * mlp.parameter_count());
  mlp.set_parameters(theta);
  Matrix dy;
  softmax_cross_entropy(mlp.forward(x), labels, dy);
  mlp.zero_gradient();
  mlp.backward(dy);
  BOOST_TEST(testing::relative_error(mlp.gradient(), by_differences) <= 1e-7);
}
//! [cost]

BOOST_AUTO_TEST_CASE(
    the_cost_of_a_gradient_against_p,
    *utf::label("plot") *
        utf::description("§6.1: for the MLPs 64–w–10, w = 2 to 256 (p = 160 to 19 210), the "
                         "passes each gradient makes, counted, and their flops (those of the "
                         "matrix products, from the layers' shapes): central differences make "
                         "2p forward passes, backpropagation one forward and one backward, 3 "
                         "forward passes' worth at every p; differences cost 2p/3 times as much, "
                         "more from p = 2 on, 3207 times at the chapter's MLP (p = 4810); both "
                         "give the same gradient to 1e-7")) {
  std::vector<double> ps, by_differences, by_backpropagation, one_evaluation;
  for (Index w = 2; w <= 256; w *= 2) {
    Network mlp = mlp_digits_network(w);
    mlp.initialize(Initialization::he_normal, 10);
    Random random(11);
    CountedLoss loss(std::move(mlp), random_matrix(64, 1, random), {3});
    const Index p = loss.network().parameter_count();
    const Vector numerical = difference_gradient(loss);
    const long difference_passes = loss.forward_passes;
    const double difference_flops = loss.flops;
    loss.reset();
    const Vector gradient = loss.gradient();
    BOOST_TEST_INFO("p = " << p << ": central differences make two forward passes per parameter");
    BOOST_TEST(difference_passes == 2 * p);
    BOOST_TEST(difference_flops == 2.0 * static_cast<double>(p) * loss.pass().forward);
    BOOST_TEST_INFO("p = " << p << ": backpropagation is one forward and one backward pass");
    BOOST_TEST((loss.forward_passes == 1 && loss.backward_passes == 1));
    BOOST_TEST_INFO("p = " << p << ": backpropagation against central differences");
    BOOST_TEST(testing::relative_error(gradient, numerical) <= 1e-7);
    const double ratio = difference_flops / loss.flops;
    BOOST_TEST_MESSAGE("MLP 64–" << w << "–10, p = " << p << ": a forward pass "
                                 << loss.pass().forward << " flops, backpropagation " << loss.flops
                                 << " (" << loss.flops / loss.pass().forward
                                 << " forward passes), central differences " << difference_flops
                                 << ": " << ratio << " times backpropagation");
    BOOST_TEST_INFO("p = " << p << ": backpropagation costs " << loss.flops / loss.pass().forward
                           << " forward passes, §6.1 says about three");
    BOOST_TEST(loss.flops / loss.pass().forward == 3.0, tt::tolerance(1e-12));
    // Differences cost 2p forward passes, backpropagation 3: they cost more from p = 3/2 on.
    BOOST_TEST_INFO("p = " << p << ": differences cost " << ratio << " times backpropagation");
    BOOST_TEST(static_cast<double>(p) / ratio < 2.0);
    if (p == 4810) {
      BOOST_TEST_INFO("the chapter's MLP: §6.1 says some three thousand times the work");
      BOOST_TEST(ratio == 2.0 * 4810.0 / 3.0, tt::tolerance(1e-12));
    }
    ps.push_back(static_cast<double>(p));
    by_differences.push_back(difference_flops);
    by_backpropagation.push_back(loss.flops);
    one_evaluation.push_back(loss.pass().forward);
  }
  BOOST_TEST(ps.front() == 160.0);
  BOOST_TEST(ps.back() == 19210.0);

  plot::Figure figure("The cost of one gradient of the MLP 64–w–10, w = 2 to 256, one example");
  figure.x_label("number of parameters p").y_label("flops of the matrix products").log_x().log_y();
  figure.add("central differences", ps, by_differences, plot::Style::lines_points);
  figure.add("backpropagation", ps, by_backpropagation, plot::Style::lines_points);
  figure.add("one forward pass", ps, one_evaluation, plot::Style::dashed);
  testing::draw(figure, "ch06_cost_of_gradients");
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(convolution_patches)
BOOST_AUTO_TEST_SUITE(networks)

//! [dense to convolution]
BOOST_AUTO_TEST_CASE(a_convolution_is_a_dense_layer_with_local_shared_weights,
                     *utf::description("§6.7: Conv2D(1→8, 3×3, same) on 8×8 images is the dense "
                                       "layer 64 → 512 whose weight W_{(o,h,w),(y,x)} is "
                                       "K_o(y − h + 1, x − w + 1) inside the 3×3 window and 0 "
                                       "outside (locality), the same for every (h, w) (weight "
                                       "sharing): 80 parameters instead of 32 768 + 512")) {
  Network conv(Shape{1, 8, 8});
  auto& layer = conv.add(Conv2D(1, 8, 3, Padding::same));
  conv.initialize(Initialization::he_normal, 7);
  layer.bias().setZero();
  // Column j of the equivalent dense weight is the response to the j-th unit image.
  const Matrix W = conv.forward(Matrix::Identity(64, 64));
  const RowMatrix K = layer.weight();  // 8 × 9: row o is kernel o, entry i·3 + j
  double worst = 0.0;
  Index nonzero = 0;
  for (Index o = 0; o < 8; ++o)
    for (Index h = 0; h < 8; ++h)
      for (Index w = 0; w < 8; ++w)
        for (Index y = 0; y < 8; ++y)
          for (Index x = 0; x < 8; ++x) {
            const Index i = y - h + 1, j = x - w + 1;
            const double expected = (i >= 0 && i < 3 && j >= 0 && j < 3) ? K(o, i * 3 + j) : 0.0;
            const double entry = W((o * 8 + h) * 8 + w, y * 8 + x);
            worst = std::max(worst, std::abs(entry - expected));
            if (entry != 0.0) ++nonzero;
          }
  BOOST_TEST(worst == 0.0);
  BOOST_TEST_MESSAGE("the dense equivalent has " << W.size() << " weights, " << nonzero
                                                 << " of them not 0, made of "
                                                 << layer.parameter_count() << " parameters");
  BOOST_TEST(nonzero == 8 * (8 * 8 * 9 - 4 * 8 * 3 + 4));  // 3×3 windows minus the padding
  BOOST_TEST(layer.parameter_count() == 8 * 9 + 8);
  BOOST_TEST(Dense(64, 512).parameter_count() == 64 * 512 + 512);
}
//! [dense to convolution]

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
