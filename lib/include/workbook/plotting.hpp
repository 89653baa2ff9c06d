/// \file
/// Figures drawn with gnuplot (through gnuplot-iostream), headless, as SVG or PNG.
///
/// gnuplot exits with success even when a plot failed, so Figure::save() checks the file it asked
/// for: a missing or empty file, or an error on gnuplot's standard error, throws
/// workbook::plot::plot_error naming the file.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "workbook/observers.hpp"

/// Figures drawn with gnuplot: curves, convergence plots, trajectories over contour lines, heat maps.
namespace workbook::plot {

/// A figure could not be drawn.
class plot_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// How a data set is drawn.
enum class Style { lines, points, lines_points, dashed };

/// Where a figure's legend goes: always outside the axes, so that it never covers a curve.
enum class Legend {
  below,  ///< under the axes, four entries a row
  right   ///< to the right of the axes, one entry a row
};

/// A figure: axes, curves, and for 2-D problems contour lines underneath.
class Figure {
 public:
  /// An empty figure with this title. The setters below return the figure, so that calls chain:
  /// `Figure("f").x_label("k").log_y().add(...)`.
  explicit Figure(std::string title);

  /// The label of the \f$x\f$ axis.
  Figure& x_label(std::string label);
  /// The label of the \f$y\f$ axis.
  Figure& y_label(std::string label);
  /// A logarithmic \f$x\f$ axis.
  Figure& log_x(bool on = true);
  /// A logarithmic \f$y\f$ axis.
  Figure& log_y(bool on = true);
  /// Shows \f$x \in [\text{low}, \text{high}]\f$ (default: fitted to the data).
  Figure& x_range(double low, double high);
  /// Shows \f$y \in [\text{low}, \text{high}]\f$ (default: fitted to the data).
  Figure& y_range(double low, double high);
  /// Puts the legend at `where`, outside the axes (default: below them).
  Figure& legend(Legend where);
  /// Keep the aspect ratio of the axes 1:1 (for trajectories in the plane).
  Figure& equal_axes(bool on = true);

  /// A curve \f$(x_i, y_i)\f$. On a logarithmic axis, points that cannot be drawn (\f$\le 0\f$,
  /// NaN, infinite) are left out instead of breaking the plot.
  Figure& add(std::string label, std::vector<double> x, std::vector<double> y,
              Style style = Style::lines);
  /// A path in the plane through the first two coordinates of `points`.
  Figure& add_path(std::string label, const std::vector<Vector>& points,
                   Style style = Style::lines_points);
  /// Contour lines of a 2-D problem over `box` (default: the problem's plot_box()), with its known
  /// minimisers marked. `levels` contours, spaced geometrically above the smallest value seen.
  Figure& contours(const Problem& problem, std::optional<Box> box = std::nullopt, int levels = 18);

  /// Draws the figure into `file`: SVG for ".svg", PNG (pngcairo) for ".png". Creates the folder.
  /// Throws plot_error naming the file if gnuplot reports an error or the file is missing or empty,
  /// and `std::invalid_argument` for another extension or a figure without data.
  void save(const std::filesystem::path& file) const;

 private:
  struct Curve {
    std::string label;
    std::vector<double> x, y;
    Style style;
  };
  struct Contours {
    std::vector<std::vector<double>> values;  // values[i][j] at (x_i, y_j)
    std::vector<double> xs, ys, levels;
    std::vector<Vector> minimisers;
  };
  std::string script(const std::filesystem::path& file) const;

  std::string title_, x_label_, y_label_;
  bool log_x_ = false, log_y_ = false, equal_axes_ = false;
  Legend legend_ = Legend::below;
  std::optional<std::pair<double, double>> x_range_, y_range_;
  std::vector<Curve> curves_;
  std::optional<Contours> contours_;
};

/// Where figures go: `$WORKBOOK_PLOT_DIR` if set (CTest sets it to the build's plot folder, where
/// the HTML course reads its figures), else `plots/` in the current folder. The library compiles no
/// path of a build into itself.
std::filesystem::path plot_directory();

/// Saves `figure` as `<plot_directory()>/<name>.svg` and `.png`; returns the SVG's path.
std::filesystem::path save_figure(const Figure& figure, const std::string& name);

/// `text` as a gnuplot string literal: in double quotes, with backslashes and double quotes
/// escaped and a line break written `\n`, for titles and labels written into a script of
/// save_script().
std::string quoted(const std::string& text);

/// Draws into `file` with gnuplot what `commands` say, for figures that Figure does not draw
/// (images, heat maps, grids of panels). The terminal (SVG for ".svg", PNG with pngcairo for
/// ".png", `width` × `height` pixels), the output, UTF-8 and `unset key` are set first; `commands`
/// give the rest, their data inline as datablocks (`$pixels << EOD`). A legend, if the commands
/// set one, must lie outside the axes, where it covers no data (`set key below`, `outside`,
/// `above`, or in a margin). Creates the folder. Throws `std::invalid_argument` for another
/// extension, a size below 1 or a legend inside the axes, and plot_error naming the file, as
/// Figure::save(), if gnuplot reports an error or the file is missing or empty.
void save_script(const std::filesystem::path& file, const std::string& commands, int width = 960,
                 int height = 640);

/// A heat map: a function of two variables sampled on an evenly spaced grid, in colour (a colour
/// box to the right of the axes gives the scale), with contour lines at chosen levels and marked
/// points on top, both named in a legend below the axes. Drawn with gnuplot's `with image`; the
/// contour lines are gnuplot's, computed from the same grid.
///
///     plot::Heatmap("f(x, y) = x² + y²").grid(xs, ys, values).contour(1.0, "f = 1")
///         .mark("minimiser", 0.0, 0.0).save("map.svg");
class Heatmap {
 public:
  /// An empty heat map with this title. The setters return the heat map, so that calls chain.
  explicit Heatmap(std::string title);

  /// The label of the \f$x\f$ axis.
  Heatmap& x_label(std::string label);
  /// The label of the \f$y\f$ axis.
  Heatmap& y_label(std::string label);
  /// The label of the colour box.
  Heatmap& colour_label(std::string label);
  /// Colours the values in \f$[\text{low}, \text{high}]\f$; values outside take the colour of the
  /// nearer end (default: fitted to the data). Throws `std::invalid_argument` unless
  /// low \f$<\f$ high, both finite.
  Heatmap& colour_range(double low, double high);
  /// The samples: `values[j][i]` at \f$(x_i, y_j)\f$, every value finite. `xs` and `ys` have at
  /// least 2 entries each, increasing and evenly spaced (to \f$10^{-6}\f$ of a spacing); each
  /// sample colours the cell around it. Throws `std::invalid_argument` saying which condition
  /// fails.
  Heatmap& grid(std::vector<double> xs, std::vector<double> ys,
                std::vector<std::vector<double>> values);
  /// A contour line where the sampled function equals `level`, named `label` in the legend
  /// (black, solid for the first level, dashed for the next ones). Throws `std::invalid_argument`
  /// for a level that is not finite.
  Heatmap& contour(double level, std::string label);
  /// A point marked at \f$(x, y)\f$, named `label` in the legend (a red disc, then other shapes).
  Heatmap& mark(std::string label, double x, double y);

  /// Draws the heat map into `file` (SVG or PNG) through save_script(). Throws
  /// `std::invalid_argument` if no grid was given, and what save_script() throws.
  void save(const std::filesystem::path& file) const;

 private:
  std::string title_, x_label_, y_label_, colour_label_;
  std::optional<std::pair<double, double>> colour_range_;
  std::vector<double> xs_, ys_;
  std::vector<std::vector<double>> values_;
  std::vector<std::pair<double, std::string>> contours_;
  struct Mark {
    std::string label;
    double x, y;
  };
  std::vector<Mark> marks_;
};

/// Saves `heatmap` as `<plot_directory()>/<name>.svg` and `.png`; returns the SVG's path.
std::filesystem::path save_figure(const Heatmap& heatmap, const std::string& name);

/// One labelled run, for the figures below.
struct LabelledTrace {
  std::string label;               ///< the run's name in the legend
  std::vector<TracePoint> points;  ///< its iterates, as TraceRecorder::points() returns them
};

/// What a convergence plot shows on its (logarithmic) y axis.
enum class Measure {
  loss,           ///< \f$f(x_k)\f$
  loss_gap,       ///< \f$f(x_k) - f^\star\f$
  gradient_norm,  ///< \f$\|\nabla f(x_k)\|\f$
};

/// Several runs' \f$f(x_k) - f^\star\f$ (or another measure) against \f$k\f$, semilog, overlaid.
Figure convergence_figure(const std::string& title, const std::vector<LabelledTrace>& runs,
                          Measure measure = Measure::loss_gap, double minimum = 0.0);

/// Trajectories of several runs over the contour lines of a 2-D problem.
Figure trajectory_figure(const std::string& title, const Problem& problem,
                         const std::vector<LabelledTrace>& runs,
                         std::optional<Box> box = std::nullopt);

}  // namespace workbook::plot
