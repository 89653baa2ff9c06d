/// \file
/// Chapter 6: two small networks for the UCI digits (`data/digits.csv`, 8 × 8 pixels, 10 classes),
/// trained on the workbook's split of the data (digits_split(): standardised pixels for the MLP,
/// pixels divided by 16 for the CNN) as optlab's problems `mlp-digits` and `cnn-digits`:
///
/// - `mlp-digits`: 64 → Dense(64→hidden) → ReLU → Dense(hidden→10);
/// - `cnn-digits`: 1×8×8 → Conv2D(1→channels, 3×3, same) → ReLU → MaxPool2x2 → Flatten →
///   Dense(16 channels→10).
///
/// Both are trained with the softmax cross-entropy from a He-normal initialisation drawn from a
/// seed.
#pragma once

#include <cstdint>
#include <string>

#include "workbook/data.hpp"
#include "workbook/network_problem.hpp"

namespace workbook {

/// The examples of `data` as a network reads them: its features transposed (one column per
/// example, \f$d \times N\f$) and its labels. Throws `std::invalid_argument` if `data` is invalid
/// (Dataset::validate()).
LabelledExamples labelled_examples(const Dataset& data);

/// A NetworkProblem whose examples are images: it keeps their pixels as they were before
/// standardisation, so that a figure can show the images themselves.
class ImageNetworkProblem final : public NetworkProblem {
 public:
  /// The problem `name` of `network` on `data` (NetworkProblem's constructor), whose examples are
  /// images of shape `image_shape` with the pixels `pixels` (a column per example, in the layout of
  /// network.hpp, before standardisation). Throws `std::invalid_argument` as NetworkProblem's
  /// constructor, and if `pixels` is not `image_shape.size()` × (the number of examples) or
  /// `data`'s features do not have `image_shape.size()` rows.
  ImageNetworkProblem(std::string name, nn::Network network, LabelledExamples data, Matrix pixels,
                      nn::Shape image_shape, NetworkProblemSettings settings = {});

  /// The name it was given: "mlp-digits".
  std::string name() const override { return name_; }
  /// The pixels of the examples before standardisation, a column each.
  const Matrix& pixels() const { return pixels_; }
  /// The shape of one image: 1×8×8 for the digits.
  const nn::Shape& image_shape() const { return image_shape_; }

 private:
  std::string name_;       ///< what name() returns
  Matrix pixels_;          ///< the images before standardisation, a column each
  nn::Shape image_shape_;  ///< the shape of one image
};

/// How the digits' pixels (integers 0 to 16) are scaled for a network.
enum class PixelScaling {
  /// Each pixel standardised with the training half's mean and standard deviation
  /// (standardise()): the MLP's inputs.
  standardised,
  /// Every pixel divided by 16: one scale for every position, in \f$[0, 1]\f$, so that a kernel
  /// shared by all positions sees the same image everywhere: the CNN's inputs.
  unit_interval
};

/// The workbook's split of the digits (stratified_split() of data/digits.csv) as a network takes
/// them, scaled by `scaling`, and the pixels as they are in the file.
struct DigitsSplit {
  LabelledExamples train;  ///< the training half, scaled
  LabelledExamples test;   ///< the test half, scaled
  Matrix train_pixels;     ///< the training half's pixels before scaling, a column each
  Matrix test_pixels;      ///< the test half's pixels before scaling, a column each
};

/// Reads and splits the digits (data_file("digits.csv")) and scales their pixels.
DigitsSplit digits_split(PixelScaling scaling);

/// Which of Chapter 6's two networks on the digits.
enum class DigitsNetwork {
  mlp,  ///< mlp_digits_network(64) on standardised pixels
  cnn   ///< cnn_digits_network(8) on pixels divided by 16
};

/// The learning rates of the three optimizers that train a network of Chapter 6 on the digits.
struct DigitsLearningRates {
  double sgd = 0.0;       ///< \f$\eta\f$ of plain SGD
  double momentum = 0.0;  ///< \f$\eta\f$ of SGD with momentum 0.9 (torch's SGD, dampening 0)
  double adam =
      0.0;  ///< \f$\eta\f$ of Adam (\f$\beta_1 = 0.9\f$, \f$\beta_2 = 0.999\f$, torch's defaults)
};

/// **Exercise (\ref ch06-training "§6.8"), an experiment.** The learning rates with which 30
/// epochs of minibatches of 32 from He's initialisation train `network` to a mean test accuracy
/// over 5 seeds of at least 0.96 (the MLP) or 0.97 (the CNN) with each optimizer.
DigitsLearningRates digits_learning_rates(DigitsNetwork network);

/// The shape of a digit: one channel of 8 × 8 pixels.
nn::Shape digit_shape();

/// `mlp-digits`'s network: 64 → Dense(64→`hidden`) → ReLU → Dense(`hidden`→10), its parameters
/// 0. Throws `std::invalid_argument` "hidden = 0 is invalid: expected hidden >= 1" unless
/// `hidden` ≥ 1.
nn::Network mlp_digits_network(Index hidden);

/// `cnn-digits`'s network: 1×8×8 → Conv2D(1→`channels`, 3×3, same) → ReLU → MaxPool2x2 → Flatten
/// → Dense(16 `channels`→10), its parameters 0. Throws `std::invalid_argument` "channels = 0 is
/// invalid: expected channels >= 1" unless `channels` ≥ 1.
nn::Network cnn_digits_network(Index channels);

}  // namespace workbook
