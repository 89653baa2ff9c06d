// Chapter 6, §6.8: training the two networks on the digits with the update rules of Chapters 2,
// 3 and 5, unchanged: an MLP 64–64–10 and a CNN (Conv2D 3×3, 8 channels → ReLU → MaxPool2x2 →
// Dense 10), minibatches of 32, five seeds each (the seed draws the initial weights and the
// batches), test accuracy on the workbook's fixed split of the digits. Measured means: the MLP
// 0.963, 0.964, 0.967 (SGD, momentum, Adam; single seeds from 0.955 to 0.972), the CNN 0.975,
// 0.974, 0.976 (from 0.969 to 0.983).
#include <cmath>
#include <functional>
#include <numeric>

#include "workbook/adaptive.hpp"
#include "workbook/digit_networks.hpp"
#include "workbook/driver.hpp"
#include "workbook/momentum.hpp"
#include "workbook/network_plots.hpp"
#include "workbook/network_problem.hpp"
#include "workbook/observers.hpp"
#include "workbook/plotting.hpp"
#include "workbook/sampling.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/statistics.hpp"

using namespace workbook;

namespace {

// The digits (1437 training and 360 test examples of 64 pixels), read once in each scaling.
const DigitsSplit& digits(PixelScaling scaling) {
  static const DigitsSplit standardised = digits_split(PixelScaling::standardised);
  static const DigitsSplit unit_interval = digits_split(PixelScaling::unit_interval);
  return scaling == PixelScaling::standardised ? standardised : unit_interval;
}

using NetworkMaker = std::function<nn::Network(std::uint64_t seed)>;
using RuleMaker = std::function<std::unique_ptr<UpdateRule>()>;

struct TrainingRun {
  std::vector<EpochRecord> records;
  double accuracy = 0.0;  // on the test split, after the last epoch
  Vector theta;           // the last iterate
};

// Trains the network `make(seed)` with `rule` for `epochs` epochs of minibatches of 32 drawn
// without replacement (seed `seed`), evaluating every epoch.
TrainingRun train_on_digits(const NetworkMaker& make, const DigitsSplit& data, UpdateRule& rule,
                            long epochs, std::uint64_t seed) {
  const NetworkProblem problem(make(seed), data.train);
  const NetworkProblem test(make(seed), data.test);
  ShuffledSampler sampler(problem.examples(), {.batch_size = 32, .seed = seed});
  EpochEvaluation evaluation(
      &test, [&](const Vector& theta) { return problem.accuracy(theta, data.test); });
  const Result result =
      train(problem, rule, problem.default_start(), {.sampler = &sampler, .epochs = epochs},
            StoppingRules::epochs_only(), {&evaluation});
  BOOST_TEST_REQUIRE(result.reason == StopReason::max_epochs, result.message);
  TrainingRun run;
  run.records = evaluation.records();
  run.accuracy = run.records.back().test_accuracy;
  run.theta = result.x;
  return run;
}

struct Optimizer {
  std::string name;
  RuleMaker make;
};

// SGD, momentum 0.9 (torch's SGD) and Adam, with the learning rates `sgd`, `momentum` and `adam`:
// the notes' rates, chosen from a few trials per network (momentum 0.9 at a tenth of SGD's rate
// takes steps of the same size: Chapter 3, the effective step η/(1 − β)).
std::vector<Optimizer> chapter_optimizers(double sgd, double momentum, double adam) {
  const auto rate = [](double eta) { return format_number(eta); };
  return {
      {"SGD, η = " + rate(sgd),
       [sgd] { return std::make_unique<SgdRule>(sgd_rule({.learning_rate = sgd})); }},
      {"momentum 0.9, η = " + rate(momentum),
       [momentum] {
         return std::make_unique<SgdRule>(sgd_rule({.learning_rate = momentum, .momentum = 0.9}));
       }},
      {"Adam, η = " + rate(adam), [adam] {
         AdamParams params;
         params.learning_rate = adam;
         return std::make_unique<AdamRule>(adam_rule(params));
       }}};
}

// Trains `network` with every optimizer for `seeds` seeds; checks the mean test accuracy against
// `target`, draws the mean test-accuracy and training-loss curves, and returns the last
// optimizer's run with seed 1.
TrainingRun check_training(const std::string& network_name, const NetworkMaker& make,
                           const DigitsSplit& data, const std::vector<Optimizer>& optimizers,
                           long epochs, double target, const std::string& figure_name) {
  constexpr int seeds = 5;
  plot::Figure accuracy_figure(network_name + " on the digits: test accuracy (mean of 5 seeds)");
  accuracy_figure.x_label("epoch").y_label("test accuracy").y_range(0.8, 1.0);
  plot::Figure loss_figure(network_name + " on the digits: training loss (mean of 5 seeds)");
  loss_figure.x_label("epoch").y_label("L(θ), full training set").log_y();
  TrainingRun last_first_seed;
  for (const Optimizer& optimizer : optimizers) {
    std::vector<double> accuracies;
    std::vector<double> epoch_axis, mean_accuracy(epochs + 1, 0.0), mean_loss(epochs + 1, 0.0);
    for (int seed = 1; seed <= seeds; ++seed) {
      const std::unique_ptr<UpdateRule> rule = optimizer.make();
      const TrainingRun run =
          train_on_digits(make, data, *rule, epochs, static_cast<std::uint64_t>(seed));
      accuracies.push_back(run.accuracy);
      if (seed == 1) last_first_seed = run;
      for (long e = 0; e <= epochs; ++e) {
        mean_accuracy[e] += run.records[e].test_accuracy / seeds;
        mean_loss[e] += run.records[e].train_loss / seeds;
      }
    }
    for (long e = 0; e <= epochs; ++e) epoch_axis.push_back(static_cast<double>(e));
    const double mean = std::accumulate(accuracies.begin(), accuracies.end(), 0.0) / seeds;
    const auto [low, high] = std::minmax_element(accuracies.begin(), accuracies.end());
    BOOST_TEST_MESSAGE(network_name << ", " << optimizer.name << ": test accuracy " << mean
                                    << " (mean of " << seeds << " seeds, from " << *low << " to "
                                    << *high << ")");
    BOOST_TEST_INFO(network_name << " with " << optimizer.name << ": mean test accuracy " << mean
                                 << " after " << epochs << " epochs, expected at least " << target);
    BOOST_TEST(mean >= target);
    accuracy_figure.add(optimizer.name, epoch_axis, mean_accuracy);
    loss_figure.add(optimizer.name, epoch_axis, mean_loss);
  }
  testing::draw(accuracy_figure, figure_name + "_accuracy");
  testing::draw(loss_figure, figure_name + "_loss");
  return last_first_seed;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(training)

BOOST_AUTO_TEST_CASE(the_mlp_learns_the_digits,
                     *utf::label("plot") *
                         utf::description("§6.8: the MLP 64–64–10 (He initialisation, standardised "
                                          "pixels), trained for 30 epochs of minibatches of 32 "
                                          "with SGD, momentum and Adam, reaches a mean test "
                                          "accuracy of at least 0.96 over 5 seeds with each")) {
  const auto mlp = [](std::uint64_t seed) {
    nn::Network network = mlp_digits_network(64);
    network.initialize(nn::Initialization::he_normal, seed);
    return network;
  };
  check_training("MLP 64–64–10", mlp, digits(PixelScaling::standardised),
                 chapter_optimizers(0.1, 0.01, 0.003), 30, 0.96, "ch06_mlp_training");
}

BOOST_AUTO_TEST_CASE(the_cnn_learns_the_digits,
                     *utf::label("plot") *
                         utf::description("§6.8: the CNN (Conv2D 3×3, 8 channels → ReLU → "
                                          "MaxPool2x2 → Dense 10, He initialisation, pixels "
                                          "divided by 16), trained for 30 epochs of minibatches of "
                                          "32 with SGD, momentum and Adam, reaches a mean test "
                                          "accuracy of at least 0.97 over 5 seeds with each")) {
  const auto cnn = [](std::uint64_t seed) {
    nn::Network network = cnn_digits_network(8);
    network.initialize(nn::Initialization::he_normal, seed);
    return network;
  };
  const DigitsSplit& data = digits(PixelScaling::unit_interval);
  const TrainingRun adam =
      check_training("CNN conv 3×3 ×8 – pool – dense", cnn, data,
                     chapter_optimizers(0.7, 0.07, 0.01), 30, 0.97, "ch06_cnn_training");
  if (!testing::figures_drawn()) return;
  // What Adam's network (seed 1) learned: its eight filters, and the test digits it gets wrong.
  const nn::Network network = cnn(1);
  const auto& convolution = dynamic_cast<const nn::Conv2D&>(network.layer(0));
  plot::save_filters_figure(convolution, adam.theta, plot::plot_directory() / "ch06_filters.svg",
                            "The eight 3×3 filters the CNN learned (Adam, seed 1)");
  const NetworkProblem test(cnn(1), data.test);
  const std::vector<Index> predicted =
      predicted_classes(test.outputs(adam.theta, data.test.features));
  plot::save_confusion_figure(
      confusion_matrix(data.test.labels, predicted, 10),
      plot::plot_directory() / "ch06_confusion.svg",
      "The CNN on the 360 test digits: true class by row, predicted by column");
  plot::save_misclassified_figure(data.test_pixels, nn::Shape{1, 8, 8}, data.test.labels, predicted,
                                  plot::plot_directory() / "ch06_misclassified.svg",
                                  "Test digits the CNN gets wrong: true → predicted");
}

BOOST_AUTO_TEST_SUITE_END()
