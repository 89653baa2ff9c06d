// Chapter 6: the digits' two networks, and their problems in the registry (mlp-digits,
// cnn-digits).
#include "workbook/digit_networks.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "catalogue.hpp"
#include "workbook/registry.hpp"
#include "workbook/settings.hpp"

namespace workbook {

LabelledExamples labelled_examples(const Dataset& data) {
  data.validate();
  LabelledExamples examples{data.features.transpose(), {}};
  examples.labels.reserve(static_cast<std::size_t>(data.examples()));
  for (Index i = 0; i < data.examples(); ++i) examples.labels.push_back(data.labels(i));
  return examples;
}

ImageNetworkProblem::ImageNetworkProblem(std::string name, nn::Network network,
                                         LabelledExamples data, Matrix pixels,
                                         nn::Shape image_shape, NetworkProblemSettings settings)
    : NetworkProblem(std::move(network), std::move(data), settings),
      name_(std::move(name)),
      pixels_(std::move(pixels)),
      image_shape_(image_shape) {
  const Index rows = image_shape_.size();
  if (this->data().features.rows() != rows) {
    throw std::invalid_argument(name_ + ": the examples have " +
                                std::to_string(this->data().features.rows()) +
                                " features: expected " + std::to_string(rows) + ", an image of " +
                                image_shape_.to_string());
  }
  if (pixels_.rows() != rows || pixels_.cols() != examples()) {
    throw std::invalid_argument(name_ + ": the pixels are " + std::to_string(pixels_.rows()) +
                                " x " + std::to_string(pixels_.cols()) + ": expected " +
                                std::to_string(rows) + " x " + std::to_string(examples()) +
                                ", an image of " + image_shape_.to_string() + " per example");
  }
}

nn::Shape digit_shape() {
  return {1, 8, 8};
}

nn::Network mlp_digits_network(Index hidden) {
  Range::at_least(1).check("hidden", static_cast<double>(hidden));
  const Index pixels = digit_shape().size();
  nn::Network network({pixels, 1, 1});
  network.add(nn::Dense(pixels, hidden));
  network.add(nn::ReLU());
  network.add(nn::Dense(hidden, 10));
  return network;
}

nn::Network cnn_digits_network(Index channels) {
  Range::at_least(1).check("channels", static_cast<double>(channels));
  const nn::Shape image = digit_shape();
  nn::Network network(image);
  network.add(nn::Conv2D(image.channels, channels, 3, nn::Padding::same));
  network.add(nn::ReLU());
  network.add(nn::MaxPool2x2());
  network.add(nn::Flatten());
  network.add(nn::Dense(channels * (image.height / 2) * (image.width / 2), 10));
  return network;
}

DigitsSplit digits_split(PixelScaling scaling) {
  Split split = stratified_split(load_csv(data_file("digits.csv")));
  DigitsSplit digits;
  digits.train_pixels = split.train.features.transpose();
  digits.test_pixels = split.test.features.transpose();
  if (scaling == PixelScaling::standardised) {
    standardise(split);  // as standardised_split(): the training half's statistics
  } else {
    split.train.features /= 16.0;  // the digits' pixels are integers 0..16
    split.test.features /= 16.0;
  }
  digits.train = labelled_examples(split.train);
  digits.test = labelled_examples(split.test);
  return digits;
}

// ----------------------------------------------------------------------------------- registry

namespace {

struct MlpDigitsSettings {
  long hidden = 64;
  std::uint64_t seed = 0;
};

struct CnnDigitsSettings {
  long channels = 8;
  std::uint64_t seed = 0;
};

// The problem `name` of the network `make()` builds, on the training half of the workbook's split
// of the digits, from a He-normal initialisation drawn from `seed`; its test split is the same
// network on the test half. The whole file is read before anything is built.
template <class Make>
BuiltProblem digits_problem(const std::string& name, Make make, PixelScaling scaling,
                            std::uint64_t seed) {
  DigitsSplit split = digits_split(scaling);
  nn::Network network = make();
  network.initialize(nn::Initialization::he_normal, seed);
  auto train =
      std::make_unique<ImageNetworkProblem>(name, std::move(network), std::move(split.train),
                                            std::move(split.train_pixels), digit_shape());
  auto test = std::make_shared<const ImageNetworkProblem>(
      name, make(), std::move(split.test), std::move(split.test_pixels), digit_shape());
  return {std::move(train), TestSplit{test, [test](const Vector& theta) {
                                        return test->accuracy(theta, test->data());
                                      }}};
}

const char* const seed_help = "seed of the He-normal initialisation (optlab run: --seed)";

}  // namespace

void catalogue::add_networks(Registry& registry) {
  registry.add(problem_entry(
      "mlp-digits",
      "a network 64 - hidden - 10 (Dense, ReLU, Dense) on the UCI digits (data/digits.csv), "
      "softmax cross-entropy: trained on 80% of each class, tested on the rest (Chapter 6)",
      Settings<MlpDigitsSettings>()
          .add("hidden", &MlpDigitsSettings::hidden, "units of the hidden layer", "hidden >= 1")
          .add("seed", &MlpDigitsSettings::seed, seed_help, "any integer >= 0"),
      [](const MlpDigitsSettings& s) {
        Range::at_least(1).check("--hidden", static_cast<double>(s.hidden));
        return digits_problem(
            "mlp-digits", [&] { return mlp_digits_network(s.hidden); }, PixelScaling::standardised,
            s.seed);
      }));
  registry.add(problem_entry(
      "cnn-digits",
      "a convolutional network on the UCI digits (data/digits.csv), 1x8x8 - Conv2D 3x3 same - "
      "ReLU - MaxPool2x2 - Flatten - Dense - 10, softmax cross-entropy: trained on 80% of each "
      "class, tested on the rest (Chapter 6)",
      Settings<CnnDigitsSettings>()
          .add("channels", &CnnDigitsSettings::channels, "filters of the convolution",
               "channels >= 1")
          .add("seed", &CnnDigitsSettings::seed, seed_help, "any integer >= 0"),
      [](const CnnDigitsSettings& s) {
        Range::at_least(1).check("--channels", static_cast<double>(s.channels));
        return digits_problem(
            "cnn-digits", [&] { return cnn_digits_network(s.channels); },
            PixelScaling::unit_interval, s.seed);
      }));
}

}  // namespace workbook
