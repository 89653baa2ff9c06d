#include "network_figures.hpp"

#include <iostream>

#include "lab.hpp"
#include "settings_flags.hpp"
#include "workbook/digit_networks.hpp"
#include "workbook/network_plots.hpp"

namespace optlab {

namespace fs = std::filesystem;

NetworkFigures plan_network_figures(const NetworkFigureOptions& options,
                                    const workbook::Problem& problem,
                                    const std::optional<workbook::TestSplit>& test) {
  NetworkFigures figures;
  if (!options.any()) return figures;
  const std::string first = !options.filters.empty()     ? "--plot-filters"
                            : !options.confusion.empty() ? "--plot-confusion"
                                                         : "--plot-misclassified";
  if (test) figures.test = dynamic_cast<const workbook::ImageNetworkProblem*>(test->problem.get());
  if (figures.test == nullptr) {
    throw usage_error(first +
                      " draws a network's predictions on the images of its test split, but " +
                      problem.name() +
                      " is not a network on images: `optlab list problems` shows the problems "
                      "(mlp-digits and cnn-digits are)");
  }
  if (!options.filters.empty()) {
    const workbook::nn::Network& network = figures.test->network();
    for (workbook::Index l = 0; l < network.layer_count() && figures.convolution == nullptr; ++l) {
      figures.convolution = dynamic_cast<const workbook::nn::Conv2D*>(&network.layer(l));
    }
    if (figures.convolution == nullptr) {
      throw usage_error("--plot-filters draws the filters of a convolution, but the network of " +
                        problem.name() + " has none (" + network.describe() + "): try cnn-digits");
    }
  }
  auto file = [](const std::string& flag, const std::string& text) -> std::optional<fs::path> {
    if (text.empty()) return std::nullopt;
    const fs::path path(text);
    if (path.extension() != ".svg" && path.extension() != ".png") {
      throw usage_error(flag + ": '" + text + "' must end in .svg or .png");
    }
    check_writable(path, "figure");
    return path;
  };
  figures.filters = file("--plot-filters", options.filters);
  figures.confusion = file("--plot-confusion", options.confusion);
  figures.misclassified = file("--plot-misclassified", options.misclassified);
  return figures;
}

bool draw_network_figures(const NetworkFigures& figures, const workbook::Vector& theta,
                          const std::string& title, std::ostream& out) {
  if (figures.test == nullptr) return true;
  std::vector<std::string> written;
  bool drawn = true;
  auto draw = [&](const std::optional<fs::path>& file, const std::string& what, auto figure) {
    if (!file) return;
    try {
      figure(*file);
      written.push_back(file->string());
    } catch (const std::exception& error) {
      std::cerr << "optlab: could not draw the " << what << ": " << error.what() << '\n';
      drawn = false;
    }
  };
  const workbook::ImageNetworkProblem& test = *figures.test;
  std::vector<workbook::Index> predicted;
  if (figures.confusion || figures.misclassified) {
    predicted = workbook::predicted_classes(test.outputs(theta, test.data().features));
  }
  const std::string examples = std::to_string(test.examples()) + " test examples";
  draw(figures.filters, "filters", [&](const fs::path& file) {
    workbook::plot::save_filters_figure(
        *figures.convolution, theta, file,
        title + ": the filters of " + figures.convolution->describe());
  });
  draw(figures.confusion, "confusion matrix", [&](const fs::path& file) {
    const workbook::Index classes = test.network().output_shape().size();
    workbook::plot::save_confusion_figure(
        workbook::confusion_matrix(test.data().labels, predicted, classes), file,
        title + ": confusion matrix of the " + examples);
  });
  draw(figures.misclassified, "misclassified images", [&](const fs::path& file) {
    workbook::plot::save_misclassified_figure(test.pixels(), test.image_shape(), test.data().labels,
                                              predicted, file, title + ": the " + examples);
  });
  if (!written.empty()) out << "  figures      " << join(written) << '\n';
  return drawn;
}

}  // namespace optlab
