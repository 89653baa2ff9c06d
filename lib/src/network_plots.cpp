// Chapter 6: a classifier network's filters, confusion matrix and misclassified images as figures.
// Each figure is a gnuplot script with its data inline (datablocks), drawn by plot::save_script().
#include "workbook/network_plots.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "workbook/plotting.hpp"

namespace workbook {

std::vector<Index> predicted_classes(const Matrix& outputs) {
  if (outputs.rows() == 0) {
    throw std::invalid_argument("the outputs have no row: expected one per class");
  }
  std::vector<Index> classes;
  classes.reserve(static_cast<std::size_t>(outputs.cols()));
  for (Index j = 0; j < outputs.cols(); ++j) {
    Index best = 0;
    outputs.col(j).maxCoeff(&best);  // Eigen keeps the first of equal maxima
    classes.push_back(best);
  }
  return classes;
}

Eigen::MatrixXi confusion_matrix(std::span<const Index> labels, std::span<const Index> predicted,
                                 Index classes) {
  if (classes < 1) {
    throw std::invalid_argument("classes = " + std::to_string(classes) +
                                " is invalid: expected classes >= 1");
  }
  if (labels.size() != predicted.size()) {
    throw std::invalid_argument("there are " + std::to_string(labels.size()) + " labels and " +
                                std::to_string(predicted.size()) +
                                " predictions: expected one prediction per label");
  }
  Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(classes, classes);
  auto check = [classes](const char* what, std::size_t i, Index value) {
    if (value < 0 || value >= classes) {
      throw std::invalid_argument("the " + std::string(what) + " of example " + std::to_string(i) +
                                  " is " + std::to_string(value) + ": expected a class in 0.." +
                                  std::to_string(classes - 1));
    }
  };
  for (std::size_t i = 0; i < labels.size(); ++i) {
    check("label", i, labels[i]);
    check("prediction", i, predicted[i]);
    ++counts(labels[i], predicted[i]);
  }
  return counts;
}

namespace plot {

namespace {

// A datablock `name` holding `values` (rows × cols, row by row), for `matrix with image`.
template <class Values>
void datablock(std::ostream& script, const std::string& name, const Values& values) {
  script << '$' << name << " << EOD\n";
  for (Index i = 0; i < values.rows(); ++i) {
    for (Index j = 0; j < values.cols(); ++j) script << (j > 0 ? " " : "") << values(i, j);
    script << '\n';
  }
  script << "EOD\n";
}

// The settings of one panel of a grid of small images of `rows` × `cols` pixels: square pixels,
// row 0 at the top, no axes, no key, no colour box.
void image_panel(std::ostream& script, Index rows, Index cols) {
  script << "set size ratio -1\nunset key\nunset colorbox\nunset xtics\nunset ytics\n"
         << "set border lc rgb '#999999'\n"
         << "set xrange [-0.5:" << cols - 0.5 << "]\nset yrange [" << rows - 0.5 << ":-0.5]\n";
}

// The width and height in pixels of a grid of `rows` × `cols` panels of about `panel` pixels each,
// with room for the panels' titles and a title of two lines.
std::pair<int, int> grid_size(Index rows, Index cols, int panel) {
  return {static_cast<int>(std::max<Index>(cols, 3)) * panel + 40,
          static_cast<int>(rows) * (panel + 30) + 90};
}

}  // namespace

void save_filters_figure(const nn::Conv2D& layer, const Vector& theta,
                         const std::filesystem::path& file, const std::string& title) {
  const Index k = layer.kernel_size(), in = layer.in_channels(), out = layer.out_channels();
  const Index offset = layer.parameter_offset(), weights = out * in * k * k;
  if (offset < 0 || theta.size() < offset + weights) {
    throw std::invalid_argument(
        "theta has " + std::to_string(theta.size()) + " entries: " + layer.label() + " needs its " +
        std::to_string(weights) + " weights at entries " + std::to_string(offset) + ".." +
        std::to_string(offset + weights - 1));
  }
  // Row o of K is filter o: its weights (c, i, j) row-major (torch's (out, in, k, k) tensor).
  const nn::ConstWeightMap K(theta.data() + offset, out, in * k * k);
  double largest = K.cwiseAbs().maxCoeff();
  if (!std::isfinite(largest))
    throw std::invalid_argument(layer.label() + ": a weight is not finite");
  if (largest == 0.0) largest = 1.0;  // every weight 0: a grey that says so

  const Index panels = out * in, cols = std::min<Index>(panels, 8);
  const Index rows = (panels + cols - 1) / cols;
  std::ostringstream script;
  script.precision(6);
  std::ostringstream range;
  range.precision(3);
  range << largest;
  script << "set multiplot layout " << rows << "," << cols << " title "
         << quoted(title + "\nblack -" + range.str() + ", grey 0, white +" + range.str())
         << " noenhanced\n"
         << "set palette gray\nset cbrange [" << -largest << ":" << largest << "]\n";
  image_panel(script, k, k);
  for (Index o = 0; o < out; ++o) {
    for (Index c = 0; c < in; ++c) {
      const std::string name = "filter_" + std::to_string(o) + "_" + std::to_string(c);
      Matrix filter(k, k);
      for (Index i = 0; i < k; ++i) {
        for (Index j = 0; j < k; ++j) filter(i, j) = K(o, c * k * k + i * k + j);
      }
      datablock(script, name, filter);
      script << "set title "
             << quoted("filter " + std::to_string(o) +
                       (in > 1 ? ", channel " + std::to_string(c) : std::string()))
             << " noenhanced\n"
             << "plot $" << name << " matrix with image pixels notitle\n";
    }
  }
  script << "unset multiplot\n";
  const auto [width, height] = grid_size(rows, cols, 130);
  save_script(file, script.str(), width, height);
}

void save_confusion_figure(const Eigen::MatrixXi& counts, const std::filesystem::path& file,
                           const std::string& title) {
  if (counts.rows() == 0 || counts.rows() != counts.cols()) {
    throw std::invalid_argument("a confusion matrix of " + std::to_string(counts.rows()) + " x " +
                                std::to_string(counts.cols()) +
                                " entries: expected a square matrix, one row per class");
  }
  const Index classes = counts.rows();
  const int largest = std::max(counts.maxCoeff(), 1);
  std::ostringstream script;
  datablock(script, "counts", counts);
  script << "set title " << quoted(title) << " noenhanced\n"
         << "set xlabel 'predicted class'\nset ylabel 'true class'\n"
         << "set size ratio -1\nunset key\n"
         << "set xrange [-0.5:" << classes - 0.5 << "]\nset yrange [" << classes - 0.5 << ":-0.5]\n"
         << "set xtics 0,1," << classes - 1 << " scale 0\nset ytics 0,1," << classes - 1
         << " scale 0\n"
         << "set palette defined (0 '#ffffff', 1 '#6baed6', 2 '#08306b')\n"
         << "set cbrange [0:" << largest
         << "]\nset cblabel 'examples'\n"
         // Counts in white on the dark cells, in black on the light ones, in grey where 0.
         << "plot $counts matrix with image pixels, \\\n"
         << "  $counts matrix using 1:2:($3 > " << largest / 2.0
         << " ? sprintf('%d', $3) : '') with labels tc rgb '#ffffff', \\\n"
         << "  $counts matrix using 1:2:($3 > 0 && $3 <= " << largest / 2.0
         << " ? sprintf('%d', $3) : '') with labels tc rgb '#000000', \\\n"
         << "  $counts matrix using 1:2:($3 == 0 ? '0' : '') with labels tc rgb '#aaaaaa'\n";
  save_script(file, script.str(), 800, 720);
}

void save_misclassified_figure(const Matrix& images, const nn::Shape& shape,
                               std::span<const Index> labels, std::span<const Index> predicted,
                               const std::filesystem::path& file, const std::string& title,
                               Index most) {
  if (shape.channels != 1 || shape.size() != images.rows()) {
    throw std::invalid_argument("images of shape " + shape.to_string() + " in columns of " +
                                std::to_string(images.rows()) +
                                " rows: expected one channel, of as many pixels as rows");
  }
  if (static_cast<Index>(labels.size()) != images.cols() ||
      static_cast<Index>(predicted.size()) != images.cols()) {
    throw std::invalid_argument(std::to_string(images.cols()) + " images, " +
                                std::to_string(labels.size()) + " labels and " +
                                std::to_string(predicted.size()) +
                                " predictions: expected one label and one prediction per image");
  }
  if (most < 1) {
    throw std::invalid_argument("most = " + std::to_string(most) +
                                " is invalid: expected most >= 1");
  }
  std::vector<Index> wrong;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] != predicted[i]) wrong.push_back(static_cast<Index>(i));
  }
  const Index shown = std::min<Index>(static_cast<Index>(wrong.size()), most);

  std::ostringstream script;
  script.precision(6);
  if (shown == 0) {
    script << "set title " << quoted(title) << " noenhanced\n"
           << "unset border\nunset tics\nunset key\n"
           << "set label 'every image is classified right' at graph 0.5,0.5 center\n"
           << "plot [0:1][0:1] NaN notitle\n";
    save_script(file, script.str(), 640, 360);
    return;
  }
  const Index cols = std::min<Index>(shown, 6), rows = (shown + cols - 1) / cols;
  double low = 0.0, high = 0.0;
  for (Index n = 0; n < shown; ++n) {
    const auto image = images.col(wrong[static_cast<std::size_t>(n)]);
    low = n == 0 ? image.minCoeff() : std::min(low, image.minCoeff());
    high = n == 0 ? image.maxCoeff() : std::max(high, image.maxCoeff());
  }
  if (!(high > low)) high = low + 1.0;
  const std::string count =
      std::to_string(wrong.size()) + " of " + std::to_string(labels.size()) + " misclassified" +
      (shown < static_cast<Index>(wrong.size()) ? ", the first " + std::to_string(shown) + " shown"
                                                : std::string());
  script << "set multiplot layout " << rows << "," << cols << " title "
         << quoted(title + "\n" + count + ": true → predicted") << " noenhanced\n"
         << "set palette gray negative\nset cbrange [" << low << ":" << high << "]\n";
  image_panel(script, shape.height, shape.width);
  for (Index n = 0; n < shown; ++n) {
    const Index i = wrong[static_cast<std::size_t>(n)];
    const std::string name = "image_" + std::to_string(n);
    const Eigen::Map<const nn::RowMatrix> pixels(images.col(i).data(), shape.height, shape.width);
    datablock(script, name, pixels);
    script << "set title "
           << quoted(std::to_string(labels[static_cast<std::size_t>(i)]) + " → " +
                     std::to_string(predicted[static_cast<std::size_t>(i)]))
           << " noenhanced\n"
           << "plot $" << name << " matrix with image pixels notitle\n";
  }
  script << "unset multiplot\n";
  const auto [width, height] = grid_size(rows, cols, 130);
  save_script(file, script.str(), width, height);
}

}  // namespace plot

}  // namespace workbook
