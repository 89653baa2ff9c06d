#include "workbook/plotting.hpp"

#include <gnuplot-iostream.h>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <tuple>

#include "workbook/errors.hpp"

namespace workbook::plot {

namespace {

// gnuplot's words for a legend's place.
std::string key_position(Legend where) {
  // Outside the axes: a legend there never covers a curve.
  return where == Legend::right ? "outside right top vertical" : "below";
}

namespace fs = std::filesystem;

bool drawable(double value, bool on_log_axis) {
  return std::isfinite(value) && (!on_log_axis || value > 0.0);
}

std::string style_clause(Style style) {
  switch (style) {
    case Style::lines:
      return "with lines lw 2";
    case Style::points:
      return "with points pt 7 ps 0.6";
    case Style::lines_points:
      return "with linespoints lw 1.5 pt 7 ps 0.45";
    case Style::dashed:
      return "with lines lw 2 dt 2";
  }
  return "with lines";
}

// The terminal that draws `file` at `width` × `height` pixels (a PNG's; an SVG keeps the same
// proportions at three quarters of its size), by its extension.
std::string terminal_for(const fs::path& file, int width, int height) {
  const std::string extension = file.extension().string();
  if (extension == ".svg") {
    return "svg size " + std::to_string(width * 3 / 4) + "," + std::to_string(height * 3 / 4) +
           " enhanced font 'DejaVu Sans,13' background rgb 'white'";
  }
  if (extension == ".png") {
    return "pngcairo size " + std::to_string(width) + "," + std::to_string(height) +
           " enhanced font 'DejaVu Sans,12' background rgb 'white'";
  }
  throw std::invalid_argument("plot file " + file.string() +
                              ": expected the extension .svg or .png, got '" + extension + "'");
}

// gnuplot's complaints, without its warnings: an error stops gnuplot, a warning does not.
std::string gnuplot_errors(const fs::path& file) {
  std::ifstream in(file);
  std::string line, errors, context;
  while (std::getline(in, line)) {
    if (line.find("arning") != std::string::npos) {
      context.clear();
    } else if (line.find("line ") != std::string::npos && line.find(':') != std::string::npos) {
      errors += context + line + "\n";
      context.clear();
    } else if (!line.empty()) {
      context += line + "\n";  // gnuplot echoes the offending command before the message
    }
  }
  return errors;
}

// Throws plot_error unless gnuplot drew `file` without an error in `errors` (its standard
// error), which is removed.
void check_drawn(const fs::path& file, const fs::path& errors) {
  const std::string messages = gnuplot_errors(errors);
  fs::remove(errors);
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (!messages.empty() || ec || size == 0) {
    throw plot_error("gnuplot did not draw " + file.string() + " (" +
                     (ec          ? "no file"
                      : size == 0 ? "empty file"
                                  : "error") +
                     ")" + (messages.empty() ? std::string() : ":\n" + messages));
  }
}

}  // namespace

// A gnuplot string literal: double quotes, with backslashes and double quotes escaped and a line
// break written \n. (Single quotes cannot hold a title such as "x'' + x' = 0": gnuplot misreads
// doubled quotes there.)
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

Figure::Figure(std::string title) : title_(std::move(title)) {}

Figure& Figure::x_label(std::string label) {
  x_label_ = std::move(label);
  return *this;
}
Figure& Figure::y_label(std::string label) {
  y_label_ = std::move(label);
  return *this;
}
Figure& Figure::log_x(bool on) {
  log_x_ = on;
  return *this;
}
Figure& Figure::log_y(bool on) {
  log_y_ = on;
  return *this;
}
Figure& Figure::x_range(double low, double high) {
  x_range_ = {low, high};
  return *this;
}
Figure& Figure::y_range(double low, double high) {
  y_range_ = {low, high};
  return *this;
}
Figure& Figure::legend(Legend where) {
  legend_ = where;
  return *this;
}

Figure& Figure::equal_axes(bool on) {
  equal_axes_ = on;
  return *this;
}

Figure& Figure::add(std::string label, std::vector<double> x, std::vector<double> y, Style style) {
  if (x.size() != y.size()) {
    throw std::invalid_argument("curve '" + label + "' has " + std::to_string(x.size()) +
                                " x values and " + std::to_string(y.size()) +
                                " y values: expected as many of each");
  }
  curves_.push_back({std::move(label), std::move(x), std::move(y), style});
  return *this;
}

Figure& Figure::add_path(std::string label, const std::vector<Vector>& points, Style style) {
  std::vector<double> x, y;
  x.reserve(points.size());
  y.reserve(points.size());
  for (const Vector& p : points) {
    if (p.size() < 2) {
      throw std::invalid_argument("path '" + label + "' has a point with " +
                                  std::to_string(p.size()) + " coordinates: expected 2");
    }
    x.push_back(p(0));
    y.push_back(p(1));
  }
  return add(std::move(label), std::move(x), std::move(y), style);
}

Figure& Figure::contours(const Problem& problem, std::optional<Box> box, int levels) {
  if (problem.dimension() != 2) {
    throw std::invalid_argument("contours of " + problem.name() + ": its dimension is " +
                                std::to_string(problem.dimension()) + ", expected 2");
  }
  require_at_least("levels", levels, 1);
  const Box b = box.value_or(problem.plot_box());
  constexpr int grid = 121;
  Contours c;
  Vector p(2);
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (int i = 0; i < grid; ++i) c.xs.push_back(b.x_min + (b.x_max - b.x_min) * i / (grid - 1));
  for (int j = 0; j < grid; ++j) c.ys.push_back(b.y_min + (b.y_max - b.y_min) * j / (grid - 1));
  c.values.assign(grid, std::vector<double>(grid));
  for (int i = 0; i < grid; ++i) {
    for (int j = 0; j < grid; ++j) {
      p << c.xs[i], c.ys[j];
      const double f = problem.value(p);
      c.values[i][j] = f;
      if (std::isfinite(f)) {
        low = std::min(low, f);
        high = std::max(high, f);
      }
    }
  }
  // Levels low + span·10^s, s from −4 to 0: dense near the minimum, where the paths end.
  const double span = high - low;
  for (int k = 0; k < levels; ++k) {
    const double s = levels == 1 ? 0.0 : -4.0 + 4.0 * k / (levels - 1);
    c.levels.push_back(low + span * std::pow(10.0, s));
  }
  for (const Vector& m : problem.minimisers()) {
    if (m(0) >= b.x_min && m(0) <= b.x_max && m(1) >= b.y_min && m(1) <= b.y_max) {
      c.minimisers.push_back(m);
    }
  }
  x_range_ = {b.x_min, b.x_max};
  y_range_ = {b.y_min, b.y_max};
  contours_ = std::move(c);
  return *this;
}

void Figure::save(const fs::path& file) const {
  const std::string terminal = terminal_for(file, 960, 640);
  if (curves_.empty() && !contours_) {
    throw std::invalid_argument("figure '" + title_ + "' has no data to draw into " +
                                file.string());
  }
  if (file.has_parent_path()) fs::create_directories(file.parent_path());
  fs::remove(file);

  // The data each curve keeps on the axes it is drawn on.
  std::vector<std::pair<const Curve*, std::vector<std::pair<double, double>>>> data;
  for (const Curve& curve : curves_) {
    std::vector<std::pair<double, double>> points;
    for (std::size_t i = 0; i < curve.x.size(); ++i) {
      if (drawable(curve.x[i], log_x_) && drawable(curve.y[i], log_y_)) {
        points.emplace_back(curve.x[i], curve.y[i]);
      }
    }
    if (!points.empty()) data.emplace_back(&curve, std::move(points));
  }
  if (data.empty() && !contours_) {
    throw plot_error("no data to draw into " + file.string() + ": every point of '" + title_ +
                     "' is NaN, infinite, or not positive on a logarithmic axis");
  }

  const fs::path errors = fs::path(file).concat(".gnuplot-errors");
  {
    Gnuplot gp("gnuplot 2> " + quoted(errors.string()));
    gp << "set terminal " << terminal << "\n"
       << "set output " << quoted(file.string()) << "\n"
       << "set encoding utf8\n"
       << "set title " << quoted(title_) << " noenhanced\n"
       << "set xlabel " << quoted(x_label_) << "\n"
       << "set ylabel " << quoted(y_label_) << "\n"
       << "set grid lc rgb '#dddddd'\n"
       << "set key opaque box lc rgb '#bbbbbb' noenhanced " << key_position(legend_)
       << "\n"
       // Colours that stay apart in print and for colour-blind readers (Okabe–Ito).
       << "set linetype 1 lc rgb '#0072B2'\nset linetype 2 lc rgb '#D55E00'\n"
       << "set linetype 3 lc rgb '#009E73'\nset linetype 4 lc rgb '#CC79A7'\n"
       << "set linetype 5 lc rgb '#E69F00'\nset linetype 6 lc rgb '#56B4E9'\n"
       << "set linetype 7 lc rgb '#000000'\nset linetype 8 lc rgb '#F0E442'\n"
       << "set linetype cycle 8\n";
    if (legend_ == Legend::below) {
      // gnuplot sizes the bottom margin for the key without its frame, which then cuts the x
      // label: four entries a row, and the margin set for the tick labels, the x label and the rows.
      const std::size_t rows = std::max<std::size_t>(1, (data.size() + 3) / 4);
      gp << "set key maxrows " << rows << "\nset bmargin " << rows + 5 << "\n";
    }
    if (log_x_) gp << "set logscale x 10\nset format x '10^{%L}'\n";
    if (log_y_) gp << "set logscale y 10\nset format y '10^{%L}'\n";
    if (x_range_) gp << "set xrange [" << x_range_->first << ":" << x_range_->second << "]\n";
    if (y_range_) gp << "set yrange [" << y_range_->first << ":" << y_range_->second << "]\n";
    if (equal_axes_ || contours_) gp << "set size ratio -1\n";

    // Data go through temporary files (gnuplot-iostream's file1d/file2d): gnuplot reads a pipe
    // one byte at a time, a file in blocks.
    if (contours_) {
      gp << "set contour base\nunset surface\nset view map\nset cntrparam levels discrete ";
      for (std::size_t k = 0; k < contours_->levels.size(); ++k) {
        gp << (k ? "," : "") << contours_->levels[k];
      }
      std::vector<std::vector<std::tuple<double, double, double>>> grid;
      for (std::size_t i = 0; i < contours_->xs.size(); ++i) {
        grid.emplace_back();
        for (std::size_t j = 0; j < contours_->ys.size(); ++j) {
          grid.back().emplace_back(contours_->xs[i], contours_->ys[j], contours_->values[i][j]);
        }
      }
      gp << "\nset table $contours\nsplot" << gp.file2d(grid)
         << "using 1:2:3 with lines notitle\nunset table\nunset contour\n";
    }

    gp << "plot ";
    const char* separator = "";
    if (contours_) {
      gp << "$contours using 1:2 with lines lc rgb '#b8b8b8' lw 1 notitle";
      separator = ", ";
      if (!contours_->minimisers.empty()) {
        std::vector<std::pair<double, double>> marks;
        for (const Vector& m : contours_->minimisers) marks.emplace_back(m(0), m(1));
        gp << separator << gp.file1d(marks)
           << "using 1:2 with points pt 3 ps 2 lc rgb '#000000' title "
           << quoted(contours_->minimisers.size() == 1 ? "minimiser" : "minimisers");
      }
    }
    for (const auto& [curve, points] : data) {
      gp << separator << gp.file1d(points) << "using 1:2 " << style_clause(curve->style)
         << " title " << quoted(curve->label);
      separator = ", ";
    }
    gp << "\n";
    gp << "unset output\n";
  }  // gnuplot exits here; the destructor waits for it.

  check_drawn(file, errors);
}

void save_script(const fs::path& file, const std::string& commands, int width, int height) {
  if (width < 1 || height < 1) {
    throw std::invalid_argument("plot file " + file.string() + ": a size of " +
                                std::to_string(width) + " x " + std::to_string(height) +
                                " pixels is invalid: expected at least 1 x 1");
  }
  const std::string terminal = terminal_for(file, width, height);
  // A legend inside the axes can cover data: a `set key` must put it outside.
  static const std::regex set_key(R"((^|[\n;])\s*set\s+key\b([^\n;]*))");
  static const std::regex outside(R"(\b(outside|below|above|[tblr]margin|off)\b)");
  for (auto match = std::sregex_iterator(commands.begin(), commands.end(), set_key);
       match != std::sregex_iterator(); ++match) {
    const std::string options = (*match)[2].str();
    if (!std::regex_search(options, outside)) {
      throw std::invalid_argument("plot file " + file.string() + ": 'set key" + options +
                                  "' puts the legend inside the axes, where it can cover data: "
                                  "expected 'set key below', 'outside' or a margin");
    }
  }
  if (file.has_parent_path()) fs::create_directories(file.parent_path());
  fs::remove(file);
  const fs::path errors = fs::path(file).concat(".gnuplot-errors");
  {
    Gnuplot gp("gnuplot 2> " + quoted(errors.string()));
    gp << "set terminal " << terminal << "\n"
       << "set output " << quoted(file.string()) << "\n"
       << "set encoding utf8\n"
       << "unset key\n"
       << commands << "\nunset output\n";
  }  // gnuplot exits here; the destructor waits for it.
  check_drawn(file, errors);
}

fs::path plot_directory() {
  if (const char* dir = std::getenv("WORKBOOK_PLOT_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return "plots";
}

fs::path save_figure(const Figure& figure, const std::string& name) {
  const fs::path base = plot_directory() / name;
  const fs::path svg = fs::path(base).concat(".svg");
  figure.save(svg);
  figure.save(fs::path(base).concat(".png"));
  return svg;
}

// ----------------------------------------------------------------------------------- heat maps

Heatmap::Heatmap(std::string title) : title_(std::move(title)) {}

Heatmap& Heatmap::x_label(std::string label) {
  x_label_ = std::move(label);
  return *this;
}

Heatmap& Heatmap::y_label(std::string label) {
  y_label_ = std::move(label);
  return *this;
}

Heatmap& Heatmap::colour_label(std::string label) {
  colour_label_ = std::move(label);
  return *this;
}

Heatmap& Heatmap::colour_range(double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high) || !(low < high)) {
    std::ostringstream message;
    message << "heat map '" << title_ << "': the colour range [" << low << ", " << high
            << "] is invalid: expected finite low < high";
    throw std::invalid_argument(message.str());
  }
  colour_range_ = {low, high};
  return *this;
}

namespace {

// Requires at least 2 increasing, evenly spaced coordinates.
void check_axis(const std::string& title, const char* name, const std::vector<double>& axis) {
  const auto fail = [&](const std::string& why) {
    throw std::invalid_argument("heat map '" + title + "': the " + name + " coordinates " + why);
  };
  if (axis.size() < 2) fail("are " + std::to_string(axis.size()) + ": expected at least 2");
  const double spacing = axis[1] - axis[0];
  if (!std::isfinite(spacing) || !(spacing > 0.0)) fail("must be finite and increasing");
  for (std::size_t i = 1; i < axis.size(); ++i) {
    const double step = axis[i] - axis[i - 1];
    if (!std::isfinite(step) || std::abs(step - spacing) > 1e-6 * spacing) {
      fail("are not evenly spaced: step " + std::to_string(i) + " is " + std::to_string(step) +
           ", the first " + std::to_string(spacing));
    }
  }
}

}  // namespace

Heatmap& Heatmap::grid(std::vector<double> xs, std::vector<double> ys,
                       std::vector<std::vector<double>> values) {
  check_axis(title_, "x", xs);
  check_axis(title_, "y", ys);
  if (values.size() != ys.size()) {
    throw std::invalid_argument("heat map '" + title_ + "': " + std::to_string(values.size()) +
                                " rows of values: expected one per y, " +
                                std::to_string(ys.size()));
  }
  for (std::size_t j = 0; j < values.size(); ++j) {
    if (values[j].size() != xs.size()) {
      throw std::invalid_argument("heat map '" + title_ + "': row " + std::to_string(j) + " has " +
                                  std::to_string(values[j].size()) +
                                  " values: expected one per x, " + std::to_string(xs.size()));
    }
    for (std::size_t i = 0; i < xs.size(); ++i) {
      if (!std::isfinite(values[j][i])) {
        throw std::invalid_argument("heat map '" + title_ + "': the value at (x, y) = (" +
                                    std::to_string(xs[i]) + ", " + std::to_string(ys[j]) +
                                    ") is not finite: expected finite values");
      }
    }
  }
  xs_ = std::move(xs);
  ys_ = std::move(ys);
  values_ = std::move(values);
  return *this;
}

Heatmap& Heatmap::contour(double level, std::string label) {
  if (!std::isfinite(level)) {
    throw std::invalid_argument("heat map '" + title_ + "': a contour level of " +
                                std::to_string(level) + " is invalid: expected a finite level");
  }
  contours_.emplace_back(level, std::move(label));
  return *this;
}

Heatmap& Heatmap::mark(std::string label, double x, double y) {
  marks_.push_back({std::move(label), x, y});
  return *this;
}

void Heatmap::save(const fs::path& file) const {
  if (values_.empty()) {
    throw std::invalid_argument("heat map '" + title_ + "' has no grid: call grid() first");
  }
  std::ostringstream script;
  script.precision(17);
  script << "$grid << EOD\n";
  for (std::size_t j = 0; j < ys_.size(); ++j) {
    for (std::size_t i = 0; i < xs_.size(); ++i) {
      script << xs_[i] << ' ' << ys_[j] << ' ' << values_[j][i] << '\n';
    }
    script << '\n';  // one scan line per y: the contouring needs the grid's rows
  }
  script << "EOD\n";
  // Each contour level into a datablock of its own, from the same grid.
  script << "set view map\nset contour base\nunset surface\n";
  for (std::size_t c = 0; c < contours_.size(); ++c) {
    script << "set cntrparam levels discrete " << contours_[c].first << "\n"
           << "set table $contour" << c << "\nsplot $grid using 1:2:3 with lines notitle\n"
           << "unset table\n";
  }
  script << "unset contour\nset surface\n";
  const double dx = xs_[1] - xs_[0], dy = ys_[1] - ys_[0];
  script << "set title " << quoted(title_) << " noenhanced\n"
         << "set xlabel " << quoted(x_label_) << " noenhanced\n"
         << "set ylabel " << quoted(y_label_) << " noenhanced\n"
         << "set cblabel " << quoted(colour_label_) << " noenhanced\n"
         << "set xrange [" << xs_.front() - dx / 2 << ":" << xs_.back() + dx / 2 << "]\n"
         << "set yrange [" << ys_.front() - dy / 2 << ":" << ys_.back() + dy / 2 << "]\n"
         << "set tics out\n"
         // A perceptually uniform palette (viridis' ends and middle), and its box outside the axes.
         << "set palette defined (0 '#440154', 1 '#3b528b', 2 '#21918c', 3 '#5ec962', "
            "4 '#fde725')\n"
         << "set colorbox vertical default\n"
         // Room on the right for the colour box, its tics and its label.
         << "set rmargin 16\n";
  if (colour_range_) {
    script << "set cbrange [" << colour_range_->first << ":" << colour_range_->second << "]\n";
  }
  if (!contours_.empty() || !marks_.empty()) script << "set key below\n";
  script << "plot $grid using 1:2:3 with image notitle";
  for (std::size_t c = 0; c < contours_.size(); ++c) {
    script << ", \\\n  $contour" << c << " using 1:2 with lines lw 2.5 lc rgb '#000000' dt "
           << (c == 0 ? 1 : int(c) + 1) << " title " << quoted(contours_[c].second)
           << " noenhanced";
  }
  static const int shapes[] = {7, 5, 9, 11, 13};
  for (std::size_t m = 0; m < marks_.size(); ++m) {
    script << ", \\\n  '-' using 1:2 with points pt " << shapes[m % 5]
           << " ps 1.8 lc rgb '#e41a1c' title " << quoted(marks_[m].label) << " noenhanced";
  }
  script << "\n";
  for (const Mark& mark : marks_) script << mark.x << ' ' << mark.y << "\ne\n";
  save_script(file, script.str(), 960, 720);
}

fs::path save_figure(const Heatmap& heatmap, const std::string& name) {
  const fs::path base = plot_directory() / name;
  const fs::path svg = fs::path(base).concat(".svg");
  heatmap.save(svg);
  heatmap.save(fs::path(base).concat(".png"));
  return svg;
}

namespace {

// At most about 1500 points of a long run: a figure needs no more, and SVG files stay small.
template <class Visit>
void thinned(const std::vector<TracePoint>& points, Visit visit) {
  const std::size_t stride = std::max<std::size_t>(1, (points.size() + 1499) / 1500);
  for (std::size_t i = 0; i < points.size(); i += stride) visit(points[i]);
  if (!points.empty() && (points.size() - 1) % stride != 0) visit(points.back());
}

double measure_of(const TracePoint& point, Measure measure, double minimum) {
  switch (measure) {
    case Measure::loss:
      return point.loss;
    case Measure::loss_gap:
      return point.loss - minimum;
    case Measure::gradient_norm:
      return point.gradient_norm;
  }
  return point.loss;
}

}  // namespace

Figure convergence_figure(const std::string& title, const std::vector<LabelledTrace>& runs,
                          Measure measure, double minimum) {
  Figure figure(title);
  figure.x_label("iteration k").log_y();
  switch (measure) {
    case Measure::loss:
      figure.y_label("f(x_k)");
      break;
    case Measure::loss_gap:
      figure.y_label("f(x_k) - f^*");
      break;
    case Measure::gradient_norm:
      figure.y_label("‖∇f(x_k)‖");
      break;
  }
  for (const LabelledTrace& run : runs) {
    std::vector<double> k, y;
    thinned(run.points, [&](const TracePoint& point) {
      k.push_back(static_cast<double>(point.iteration));
      y.push_back(measure_of(point, measure, minimum));
    });
    figure.add(run.label, std::move(k), std::move(y));
  }
  return figure;
}

Figure trajectory_figure(const std::string& title, const Problem& problem,
                         const std::vector<LabelledTrace>& runs, std::optional<Box> box) {
  Figure figure(title);
  figure.x_label("x_1").y_label("x_2").contours(problem, box);
  for (const LabelledTrace& run : runs) {
    std::vector<Vector> path;
    thinned(run.points, [&](const TracePoint& point) { path.push_back(point.x); });
    figure.add_path(run.label, path);
  }
  return figure;
}

}  // namespace workbook::plot
