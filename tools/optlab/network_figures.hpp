// The figures of a network trained by `optlab run` (--plot-filters, --plot-confusion,
// --plot-misclassified): what the network learned and where it goes wrong on the test split.
// optlab knows no problem by name: a figure applies to any problem whose test split is a
// workbook::ImageNetworkProblem (the filters: whose network starts with a convolution).
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "workbook/registry.hpp"

namespace workbook::nn {
class Conv2D;
}  // namespace workbook::nn

namespace workbook {
class ImageNetworkProblem;
}  // namespace workbook

namespace optlab {

/// The figure flags of `optlab run`, as given (an empty text: not given).
struct NetworkFigureOptions {
  std::string filters;        ///< --plot-filters FILE
  std::string confusion;      ///< --plot-confusion FILE
  std::string misclassified;  ///< --plot-misclassified FILE

  /// Whether any of them was given.
  bool any() const { return !filters.empty() || !confusion.empty() || !misclassified.empty(); }
};

/// The figures asked for, checked against the problem.
struct NetworkFigures {
  const workbook::ImageNetworkProblem* test = nullptr;  ///< the test split they show
  const workbook::nn::Conv2D* convolution = nullptr;    ///< the layer whose filters are drawn
  std::optional<std::filesystem::path> filters;         ///< --plot-filters
  std::optional<std::filesystem::path> confusion;       ///< --plot-confusion
  std::optional<std::filesystem::path> misclassified;   ///< --plot-misclassified
};

/// Checks the figure flags `options` for `problem` (its test split `test`): throws usage_error,
/// naming the flag and the problem, if the problem is not a network on images with a test split,
/// or (--plot-filters) its network has no convolution, or a file does not end in .svg or .png or
/// cannot be written.
NetworkFigures plan_network_figures(const NetworkFigureOptions& options,
                                    const workbook::Problem& problem,
                                    const std::optional<workbook::TestSplit>& test);

/// Draws the figures of `figures` for the parameters `theta`, titled after `title`, and prints
/// the files written to `out`. A figure that fails is reported on standard error; returns false
/// then.
bool draw_network_figures(const NetworkFigures& figures, const workbook::Vector& theta,
                          const std::string& title, std::ostream& out);

}  // namespace optlab
