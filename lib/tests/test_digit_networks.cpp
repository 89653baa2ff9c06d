// Chapter 6's networks on the digits (mlp-digits, cnn-digits) and the figures of a classifier
// network: their layers, their problems in the registry, predictions, confusion matrices, and
// figures drawn as PNG files.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "workbook/digit_networks.hpp"
#include "workbook/network_plots.hpp"
#include "workbook/registry.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
namespace fs = std::filesystem;

namespace {

fs::path scratch_dir() {
  auto dir = fs::temp_directory_path() / ("workbook-digit-networks-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

// Whether `file` is a PNG file: its first bytes are "\x89PNG".
bool is_png(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char start[4] = {};
  in.read(start, 4);
  return in && start[0] == '\x89' && start[1] == 'P' && start[2] == 'N' && start[3] == 'G';
}

}  // namespace

BOOST_AUTO_TEST_SUITE(digit_networks)

BOOST_AUTO_TEST_CASE(labelled_examples_are_the_columns) {
  Dataset data;
  data.features.resize(2, 3);
  data.features << 1, 2, 3, 4, 5, 6;
  data.labels.resize(2);
  data.labels << 1, 0;
  data.feature_names = {"a", "b", "c"};
  const LabelledExamples examples = labelled_examples(data);
  BOOST_TEST(examples.size() == 2);
  BOOST_TEST(examples.features.isApprox(data.features.transpose()));
  BOOST_TEST((examples.labels == std::vector<Index>{1, 0}));
}

BOOST_AUTO_TEST_CASE(the_two_networks) {
  const nn::Network mlp = mlp_digits_network(5);
  BOOST_TEST(mlp.describe() == "64 → Dense(64→5) → ReLU → Dense(5→10)");
  BOOST_TEST(mlp.parameter_count() == 64 * 5 + 5 + 5 * 10 + 10);
  const nn::Network cnn = cnn_digits_network(2);
  BOOST_TEST(cnn.describe() ==
             "1×8×8 → Conv2D(1→2, 3×3, same) → ReLU → MaxPool2x2 → Flatten → Dense(32→10)");
  BOOST_TEST(cnn.parameter_count() == 2 * 9 + 2 + 32 * 10 + 10);
  BOOST_CHECK_EXCEPTION(mlp_digits_network(0), std::invalid_argument,
                        testing::message_has({"hidden = 0 is invalid: expected hidden >= 1"}));
  BOOST_CHECK_EXCEPTION(cnn_digits_network(-1), std::invalid_argument,
                        testing::message_has({"channels = -1 is invalid: expected channels >= 1"}));
}

BOOST_AUTO_TEST_CASE(the_problems_in_the_registry) {
  const ProblemEntry& entry = workbook::registry().problem("mlp_digits");
  BuiltProblem built = entry.build({{"hidden", "3"}, {"seed", "1"}});
  BOOST_TEST(built.problem->name() == "mlp-digits");
  BOOST_TEST(built.problem->dimension() == 64 * 3 + 3 + 3 * 10 + 10);
  const auto& train = dynamic_cast<const ImageNetworkProblem&>(*built.problem);
  BOOST_TEST(train.examples() == 1438);
  BOOST_TEST(train.image_shape() == digit_shape());
  // The pixels as the file has them, 0 to 16; the features standardised.
  BOOST_TEST(train.pixels().minCoeff() == 0.0);
  BOOST_TEST(train.pixels().maxCoeff() == 16.0);
  BOOST_TEST(std::abs(train.data().features.row(20).mean()) < 1e-12);
  BOOST_REQUIRE(built.test.has_value());
  BOOST_TEST(built.test->problem->name() == "mlp-digits");
  const double accuracy = built.test->accuracy(train.default_start());
  BOOST_TEST((accuracy >= 0.0 && accuracy <= 1.0));
  // The seed draws the start; the weights are He-normal, the biases 0.
  const Vector other = entry.make({{"hidden", "3"}})->default_start();
  BOOST_TEST(!other.isApprox(train.default_start()));
  BOOST_TEST(train.default_start().tail(10).isZero());

  BOOST_CHECK_EXCEPTION(entry.build({{"hidden", "0"}}), std::invalid_argument,
                        testing::message_has({"--hidden = 0 is invalid: expected --hidden >= 1"}));
  BOOST_CHECK_EXCEPTION(
      entry.build({{"hidden", "abc"}}), std::invalid_argument,
      testing::message_has({"--hidden: 'abc' is not an integer: expected hidden >= 1"}));
  BOOST_CHECK_EXCEPTION(
      workbook::registry().problem("cnn-digits").build({{"channels", "0"}}), std::invalid_argument,
      testing::message_has({"--channels = 0 is invalid: expected --channels >= 1"}));
}

BOOST_AUTO_TEST_CASE(predictions_and_the_confusion_matrix) {
  // The first largest output on a tie, as NetworkProblem::accuracy().
  Matrix outputs(3, 3);
  outputs << 0.1, 2.0, 1.0,  //
      0.3, 2.0, 0.0,         //
      0.2, -1.0, 1.0;
  BOOST_TEST((predicted_classes(outputs) == std::vector<Index>{1, 0, 0}));
  const std::vector<Index> labels{0, 1, 1, 2}, predicted{0, 1, 2, 2};
  const Eigen::MatrixXi counts = confusion_matrix(labels, predicted, 3);
  BOOST_TEST(counts(0, 0) == 1);
  BOOST_TEST(counts(1, 1) == 1);
  BOOST_TEST(counts(1, 2) == 1);
  BOOST_TEST(counts(2, 2) == 1);
  BOOST_TEST(counts.sum() == 4);
  BOOST_CHECK_EXCEPTION(
      confusion_matrix(labels, std::vector<Index>{0, 1, 3, 2}, 3), std::invalid_argument,
      testing::message_has({"the prediction of example 2 is 3: expected a class in 0..2"}));
  BOOST_CHECK_EXCEPTION(confusion_matrix(labels, std::vector<Index>{0}, 3), std::invalid_argument,
                        testing::message_has({"4 labels and 1 predictions"}));
}

BOOST_AUTO_TEST_CASE(figures_of_a_classifier_network) {
  const fs::path dir = scratch_dir();
  nn::Network network = cnn_digits_network(3);
  network.initialize(nn::Initialization::he_normal, 0);
  const auto& convolution = dynamic_cast<const nn::Conv2D&>(network.layer(0));
  plot::save_filters_figure(convolution, network.parameters(), dir / "filters.png", "filters");
  BOOST_TEST(is_png(dir / "filters.png"));
  BOOST_CHECK_EXCEPTION(
      plot::save_filters_figure(convolution, Vector::Zero(5), dir / "short.png", "filters"),
      std::invalid_argument, testing::message_has({"theta has 5 entries", "27 weights"}));

  const std::vector<Index> labels{0, 1, 1, 2}, predicted{0, 1, 2, 2};
  plot::save_confusion_figure(confusion_matrix(labels, predicted, 3), dir / "confusion.png",
                              "confusion");
  BOOST_TEST(is_png(dir / "confusion.png"));

  Matrix images = Matrix::Zero(64, 4);
  for (Index j = 0; j < 4; ++j) images.col(j).setLinSpaced(0.0, 16.0 * (j + 1) / 4);
  plot::save_misclassified_figure(images, digit_shape(), labels, predicted,
                                  dir / "misclassified.png", "misclassified");
  BOOST_TEST(is_png(dir / "misclassified.png"));
  plot::save_misclassified_figure(images, digit_shape(), labels, labels, dir / "none.png",
                                  "every one right");
  BOOST_TEST(is_png(dir / "none.png"));
  BOOST_CHECK_EXCEPTION(plot::save_misclassified_figure(images, {2, 8, 4}, labels, predicted,
                                                        dir / "bad.png", "two channels"),
                        std::invalid_argument, testing::message_has({"expected one channel"}));
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
