// What one epoch of minibatch SGD costs on Chapter 6's two networks: train() with a shuffled
// sampler and plain SGD at a fixed learning rate, on the MLP 64–64–10 and the CNN (Conv2D 3×3,
// 8 channels, same padding → ReLU → MaxPool2x2 → Flatten → Dense 128→10) of `mlp-digits` and
// `cnn-digits`, at batch sizes B = 32 and 256, in double precision (the library's only one).
//
// Each problem is the training half of the workbook's split of the digits, digits_split(): N = 1438
// images of 8×8 pixels, standardised for the MLP (4810 parameters), divided by 16 for the CNN
// (1370 parameters); the network is initialised He-normal with seed 0, as optlab's problems are.
// One benchmark iteration is one call of train() for one epoch from that start with SGD at the
// chapter's learning rates (0.1 for the MLP, 0.7 for the CNN): ⌈N/B⌉ steps, each gathering a
// batch, running the network forward, the loss, backward and the step, and at the end the full
// loss and gradient that train() reports. `examples/s` counts N per epoch.
//
// `bare` is the same epoch without the driver: the sampler, batch_value_and_gradient() and
// θ ← θ − η g written as a loop, no full evaluation at the end. `full` is that evaluation alone,
// value_and_gradient() at θ_0 over the 1438 examples in chunks of 1024 (evaluation_batch_size).
//
// Flops count the multiply-adds of the matrix products, 2 per multiply-add: forward 2·in·out per
// example for a Dense layer and 2·C_out·C_in k²·H_out W_out for a Conv2D (its product Z = KU of
// im2col), and backward twice that (∂L/∂W and δX, both computed for every layer, the first
// included). Per example the MLP's forward pass is 2·64·64 + 2·64·10 = 9472 flops, the CNN's
// 2·8·9·64 + 2·128·10 = 11776; an epoch's steps need 3·9472·1438 = 40.9 Mflop for the MLP and
// 3·11776·1438 = 50.8 Mflop for the CNN (biases, activations, pooling, the loss and the step are
// left out: a few per cent). train()'s full evaluation at the end is the same work again, so an
// iteration of `mlp` does 81.7 Mflop and one of `mlp_bare` 40.9; `flops` is their rate in CPU
// time, `Mflop` the count of one iteration.
//
//   cmake --preset release && cmake --build --preset release --target bench_networks
//   build-release/bin/bench_networks
//   /usr/bin/python3 bench/torch_networks.py build-release/bin/bench_networks   (torch's time)
//
// The data are read as workbook::data_file() reads them: from data/, or WORKBOOK_DATA_DIR if set.
//
// Measured on a shared two-core Intel Xeon virtual machine (Release build, g++ 12, Eigen 3.4, one
// thread; torch 1.13 from Debian, one thread), CPU time per epoch in µs: ours the median of 5
// repetitions, torch's the best of at least 5. Ours is double precision, the library's only one;
// torch float32 is there for comparison. The first table is train() (the epoch, then the full
// loss and gradient) against torch's epoch followed by the same full evaluation; the second the
// loop alone, `bare`, against torch's epoch alone. The speed-up is torch float64's time over
// ours; GFLOP/s is ours, the `flops` counter. The release preset compiles for the machine's
// processor (AVX-512 here); three runs, torch's times moving by up to 1.8x between them:
//
//   train()  network   B     ours     torch f64   torch f32   speed-up     GFLOP/s
//            MLP      32     4641-6829  29289-56794 25670-45963  4.3-11.3x  12-17.6
//            MLP     256     4204-5268  20144-36968 15096-23572  3.9-8.8x   15.5-19.4
//            CNN      32    50590-65672 56921-85926 41929-62051  0.9-1.7x   1.6-2.0
//            CNN     256    55412-67017 50469-78703 22271-32294  0.8-1.4x   1.5-1.8
//   bare     MLP      32     1954-2164  16120-24359 12546-23291  7.4-11.3x  18.9-20.9
//            MLP     256     1678-1746  10002-17587  7671-13662  5.7-10.3x  23.4-24.4
//            CNN      32    13679-13955 29772-54639 23203-40340  2.1-4.0x   3.6-3.7
//            CNN     256    15343-17119 20873-29769 14498-17075  1.4-1.7x   3.0-3.3
//
// Built for x86-64 (SSE2, -DWORKBOOK_NATIVE=OFF), one run on a quiet machine: train() 9183, 8849,
// 37184, 50319 µs and the bare loop 5054, 4652, 20354, 24539 µs (MLP and CNN at B = 32 and 256),
// against torch's float64 42828, 22732, 64461, 58858 and 20810, 11561, 31781, 31052 µs. On a busy
// machine (load 3 to 10, three runs) train()'s speed-up was 1.7-2.9x and 1.4-2.9x on the MLP and
// 0.7-1.2x and 0.7-0.9x on the CNN; the bare loop's 4.8-5.0x, 2.0-3.2x, 1.7-2.3x and 1.2-1.4x.
//
// At B = 32 torch's time is a fixed cost per step (indexing the batch, dispatching each layer's
// operators forward, autograd's backward pass, the optimizer's step): about 0.4 ms per step of its
// MLP epoch, where the arithmetic is 0.9 Mflop and a step of the bare loop takes 0.05 ms. At
// B = 256 (6 steps) the arithmetic dominates: torch's float64 products go to Debian's reference
// BLAS (its build reports BLAS_INFO=generic and no optimised BLAS is installed), below Eigen's
// two-wide SSE2 kernels, while its float32 convolution has oneDNN. What the CNN's train() spends
// is mostly its full evaluation (`cnn_full`, 26-58 ms): in chunks of 1024 images its
// activations are matrices of 4-5 MB (the patch matrix U is 9 × 65536), which two dozen passes
// (copies, checks, ReLU, pooling, the rearrangements of Z and δZ) stream through memory, and
// which are reallocated whenever the batch size changes (1024, 414, then 32 in the next epoch):
// page faults take about a third of its profile. Its steps alone (`cnn_bare`) are faster than
// torch's at both batch sizes.
#include <benchmark/benchmark.h>

#include <utility>

#include "sgd_epochs.hpp"
#include "workbook/digit_networks.hpp"
#include "workbook/driver.hpp"
#include "workbook/momentum.hpp"
#include "workbook/network_problem.hpp"
#include "workbook/sampling.hpp"

namespace {

using workbook::FiniteSumProblem;
using workbook::Index;
using workbook::NetworkProblem;
using workbook::Vector;

// The learning rates of plain SGD with which the chapter trains the two networks (§6.8).
constexpr double mlp_learning_rate = 0.1;
constexpr double cnn_learning_rate = 0.7;

// A network of Chapter 6, initialised as optlab's problems are, on the training half of the
// digits scaled as the network takes them.
NetworkProblem digits_problem(workbook::nn::Network network, workbook::PixelScaling scaling) {
  network.initialize(workbook::nn::Initialization::he_normal, 0);
  return NetworkProblem(std::move(network), workbook::digits_split(scaling).train);
}

const NetworkProblem& mlp_problem() {
  static const NetworkProblem problem =
      digits_problem(workbook::mlp_digits_network(64), workbook::PixelScaling::standardised);
  return problem;
}

const NetworkProblem& cnn_problem() {
  static const NetworkProblem problem =
      digits_problem(workbook::cnn_digits_network(8), workbook::PixelScaling::unit_interval);
  return problem;
}

// The flops of one example's forward pass: the matrix products of the Dense and Conv2D layers.
double forward_flops_per_example(const workbook::nn::Network& network) {
  double flops = 0.0;
  for (Index l = 0; l < network.layer_count(); ++l) {
    const workbook::nn::Layer& layer = network.layer(l);
    if (const auto* dense = dynamic_cast<const workbook::nn::Dense*>(&layer)) {
      flops += 2.0 * static_cast<double>(dense->in_features() * dense->out_features());
    } else if (const auto* conv = dynamic_cast<const workbook::nn::Conv2D*>(&layer)) {
      const Index k = conv->kernel_size();
      const Index pixels = conv->output_shape().height * conv->output_shape().width;
      flops +=
          2.0 * static_cast<double>(conv->out_channels() * conv->in_channels() * k * k * pixels);
    }
  }
  return flops;
}

// Forward and backward (twice forward) over every example once: an epoch's steps, or a full
// evaluation of L and ∇L.
double pass_flops(const NetworkProblem& problem) {
  return 3.0 * forward_flops_per_example(problem.network()) *
         static_cast<double>(problem.examples());
}

void count(benchmark::State& state, const FiniteSumProblem& problem, double flops) {
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["examples/s"] = benchmark::Counter(
      iterations * static_cast<double>(problem.examples()), benchmark::Counter::kIsRate);
  state.counters["flops"] = benchmark::Counter(iterations * flops, benchmark::Counter::kIsRate);
  state.counters["Mflop"] = flops * 1e-6;
}

// One epoch through train(); the sampler is reset by train(), so every epoch has the same batches.
void train_epoch(benchmark::State& state, const NetworkProblem& problem, double learning_rate) {
  workbook::ShuffledSampler sampler(problem.examples(), batches_of(state));
  auto sgd = workbook::sgd_rule({.learning_rate = learning_rate});
  const Vector x0 = problem.default_start();
  const workbook::Training training{.sampler = &sampler, .epochs = 1};
  for (auto _ : state) {
    const workbook::Result result = workbook::train(problem, sgd, x0, training);
    benchmark::DoNotOptimize(result.loss);
  }
  count(state, problem, 2.0 * pass_flops(problem));  // the epoch, then the full evaluation
}

// The same epoch as a bare loop: the sampler, the batch gradient and the step.
void bare_epoch(benchmark::State& state, const NetworkProblem& problem, double learning_rate) {
  time_bare_sgd_epochs(state, problem, learning_rate);
  count(state, problem, pass_flops(problem));
}

// train()'s last evaluation alone: the loss and the gradient over every example at θ_0 (in
// chunks of evaluation_batch_size = 1024 examples).
void full_evaluation(benchmark::State& state, const NetworkProblem& problem) {
  const Vector x0 = problem.default_start();
  Vector g(x0.size());
  for (auto _ : state) {
    const double loss = problem.value_and_gradient(x0, g);
    benchmark::DoNotOptimize(loss);
    benchmark::DoNotOptimize(g.data());
  }
  count(state, problem, pass_flops(problem));
}

void mlp(benchmark::State& state) {
  train_epoch(state, mlp_problem(), mlp_learning_rate);
}
void cnn(benchmark::State& state) {
  train_epoch(state, cnn_problem(), cnn_learning_rate);
}
void mlp_bare(benchmark::State& state) {
  bare_epoch(state, mlp_problem(), mlp_learning_rate);
}
void cnn_bare(benchmark::State& state) {
  bare_epoch(state, cnn_problem(), cnn_learning_rate);
}
void mlp_full(benchmark::State& state) {
  full_evaluation(state, mlp_problem());
}
void cnn_full(benchmark::State& state) {
  full_evaluation(state, cnn_problem());
}

}  // namespace

#define WORKBOOK_BATCH_SIZES Arg(32)->Arg(256)->Unit(benchmark::kMicrosecond)
BENCHMARK(mlp)->WORKBOOK_BATCH_SIZES;
BENCHMARK(cnn)->WORKBOOK_BATCH_SIZES;
BENCHMARK(mlp_bare)->WORKBOOK_BATCH_SIZES;
BENCHMARK(cnn_bare)->WORKBOOK_BATCH_SIZES;
BENCHMARK(mlp_full)->Unit(benchmark::kMicrosecond);
BENCHMARK(cnn_full)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
