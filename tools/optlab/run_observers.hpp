// Two observers of optlab's runs: a progress bar for the terminal, and a thinned trace that keeps
// what a plot needs of a run of any length.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

#include "workbook/driver.hpp"
#include "workbook/observers.hpp"

namespace optlab {

/// Whether standard error is a terminal (the progress bar is drawn only there).
bool stderr_is_terminal();

/// A progress bar for long runs, redrawn in place on one line:
///
///     gd (lr = 0.001)  [##########----------]  50%  500000/1000000  loss 3.2e-4
///
/// It stays invisible for the first half second, so that short runs print nothing, is redrawn at
/// most ten times a second, and is erased when the run finishes. Use it only when `out` is a
/// terminal (stderr_is_terminal()).
class ProgressBar : public workbook::Observer {
 public:
  /// A bar for a run of at most `total_steps` steps, labelled `label`.
  ProgressBar(std::ostream& out, std::string label, long total_steps);
  /// Erases the bar if a run ended by an exception left it on the screen.
  ~ProgressBar() override;
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  void on_start(const workbook::Problem&, const workbook::UpdateRule&) override;
  bool on_iteration(const workbook::IterationInfo& info) override;
  void on_finish(const workbook::Result& result) override;

 private:
  using Clock = std::chrono::steady_clock;
  void draw(long iteration, double loss);
  void erase();

  std::ostream& out_;
  std::string label_;
  long total_steps_;
  Clock::time_point start_, last_drawn_;
  std::size_t drawn_width_ = 0;  // characters on the line now; 0 while nothing is shown
};

/// Records a run for a figure, keeping between `points` and 2 `points` iterates however long the
/// run is (a figure shows no more; see plot::Figure): every iterate at first, and each time the
/// record is full, every other one of those kept, so that the iterates kept are those whose index
/// is a multiple of a stride that doubles. The last iterate is always kept.
class ThinnedTrace : public workbook::Observer {
 public:
  /// Keeps at least `points` iterates (all of them for a shorter run) and fewer than 2 `points`.
  explicit ThinnedTrace(long points = 1000);
  void on_start(const workbook::Problem&, const workbook::UpdateRule&) override;
  bool on_iteration(const workbook::IterationInfo& info) override;
  void on_finish(const workbook::Result& result) override;

  /// The kept iterates, the start point first and the last iterate last.
  const std::vector<workbook::TracePoint>& points() const { return points_; }

 private:
  std::size_t points_wanted_;
  long stride_ = 1;
  double last_step_length_ = 0.0;
  std::vector<workbook::TracePoint> points_;
};

}  // namespace optlab
