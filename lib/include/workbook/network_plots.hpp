/// \file
/// Chapter 6: what a trained classifier network has learned and where it goes wrong, as figures:
/// the filters of a convolution, the confusion matrix of a test set, and the test images it
/// misclassifies. Drawn with gnuplot through plot::save_script() (plotting.hpp), as SVG or PNG.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "workbook/network.hpp"
#include "workbook/types.hpp"

namespace workbook {

/// The class each column of `outputs` (a network's outputs, one column per example) predicts:
/// the row of its largest entry, the first on a tie (as NetworkProblem::accuracy() counts).
/// Throws `std::invalid_argument` if `outputs` has no row.
std::vector<Index> predicted_classes(const Matrix& outputs);

/// The confusion matrix of `classes` classes: entry \f$(i, j)\f$ counts the examples of true class
/// \f$i\f$ (`labels`) predicted as class \f$j\f$ (`predicted`); its diagonal holds the examples
/// classified right. Throws `std::invalid_argument` if `classes` < 1, the two lists differ in
/// length, or a class is outside \f$0..\f$`classes` − 1 (naming it and its example).
Eigen::MatrixXi confusion_matrix(std::span<const Index> labels, std::span<const Index> predicted,
                                 Index classes);

namespace plot {

/// Draws the filters of `layer` at the network parameters `theta` (of which the layer's weights
/// are the block at its parameter_offset()) into `file` (".svg" or ".png"): one small grey-scale
/// image of \f$k \times k\f$ pixels per filter and input channel, side by side, on a colour scale
/// shared by all of them and symmetric about 0 (black the most negative weight, white the most
/// positive). Throws `std::invalid_argument` if `theta` is too short to hold the layer's weights,
/// and what save_script() throws.
void save_filters_figure(const nn::Conv2D& layer, const Vector& theta,
                         const std::filesystem::path& file, const std::string& title);

/// Draws the confusion matrix `counts` (confusion_matrix(): true class by row, predicted class by
/// column) into `file` as a heat map, the count printed in every cell. Throws
/// `std::invalid_argument` if `counts` is empty or not square, and what save_script() throws.
void save_confusion_figure(const Eigen::MatrixXi& counts, const std::filesystem::path& file,
                           const std::string& title);

/// Draws into `file` a grid of the images that are misclassified (`predicted` differs from
/// `labels`), at most `most` of them, in order, each titled "true → predicted". `images` holds an
/// image of shape `shape` (one channel) per column, in the layout of network.hpp; they are drawn in
/// grey, dark ink on white, on one colour scale. With no misclassified image, the figure says so.
/// Throws `std::invalid_argument` if `shape` has more than one channel or is not `images`' number
/// of rows, the lists do not have one class per image, or `most` < 1, and what save_script()
/// throws.
void save_misclassified_figure(const Matrix& images, const nn::Shape& shape,
                               std::span<const Index> labels, std::span<const Index> predicted,
                               const std::filesystem::path& file, const std::string& title,
                               Index most = 24);

}  // namespace plot

}  // namespace workbook
