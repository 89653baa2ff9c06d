// The observers of optlab's runs: a progress bar for the terminal, a thinned trace that keeps what
// a plot needs of a run of any length, and for training runs the CSV file of the steps and the
// table of the epochs.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "workbook/driver.hpp"
#include "workbook/observers.hpp"
#include "workbook/registry.hpp"

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

/// A CSV file written row by row: a header, then rows of numbers with 17 significant digits, enough
/// to read back the very same doubles.
class CsvFile {
 public:
  /// Opens `file` for writing (replacing it); throws `std::runtime_error` naming it if it cannot.
  explicit CsvFile(const std::filesystem::path& file);
  /// The header: the column names, separated by commas.
  void header(const std::vector<std::string>& columns);
  /// Starts a row with the integer `first`.
  CsvFile& row(long first);
  /// Adds an integer to the row.
  CsvFile& operator<<(long value);
  /// Adds a number to the row.
  CsvFile& operator<<(double value);
  /// Adds the entries of `x` to the row.
  CsvFile& operator<<(const workbook::Vector& x);
  /// Ends the row; throws `std::runtime_error` naming the file if writing failed.
  void end_row();
  /// Writes what is buffered.
  void flush() { out_.flush(); }
  /// The file.
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::ofstream out_;
};

/// The columns x0, x1, ..., x(n-1).
std::vector<std::string> parameter_columns(workbook::Index n);

/// Writes the steps of a training run (workbook::train()) to a CSV file, one row per step
/// \f$k = 0, 1, \dots\f$: `step,epoch,examples_seen,lr,loss,grad_norm`, where `loss` and
/// `grad_norm` are those of the step's minibatch \f$B_k\f$ at \f$x_k\f$, and with `parameters`
/// the coordinates of \f$x_k\f$, `x0,x1,...`.
class TrainingCsv : public workbook::Observer {
 public:
  /// Opens `file`; throws `std::runtime_error` naming it if it cannot be written.
  TrainingCsv(const std::filesystem::path& file, bool parameters);
  void on_start(const workbook::Problem& problem, const workbook::UpdateRule&) override;
  bool on_iteration(const workbook::IterationInfo& info) override;
  void on_finish(const workbook::Result&) override { csv_.flush(); }

 private:
  CsvFile csv_;
  bool parameters_;
};

/// Evaluates a training run at its start and at the end of every epoch (workbook::EpochEvaluation):
/// the full training loss and, on a test split, the test loss and accuracy, of the iterate and,
/// when the run averages its iterates, of the average too. Optionally writes a row per evaluation
/// to a CSV file (write_to()).
class EpochTable : public workbook::Observer {
 public:
  /// `test`: the problem's test split, or null; it must outlive the table. `average`: whether
  /// the run averages its iterates.
  EpochTable(const workbook::TestSplit* test, bool average);
  /// Writes every evaluation to `file` as well, `epoch,step,examples_seen,lr,train_loss`, then
  /// `test_loss,test_accuracy` with a test split, the same three prefixed `average_` when the run
  /// averages, and with `parameters` the coordinates of the iterate, `x0,x1,...`. Throws
  /// `std::runtime_error` naming the file if it cannot be written.
  void write_to(const std::filesystem::path& file, bool parameters);

  void on_start(const workbook::Problem& problem, const workbook::UpdateRule& rule) override;
  bool on_iteration(const workbook::IterationInfo& info) override;
  bool on_epoch(const workbook::EpochInfo& info) override;
  void on_finish(const workbook::Result&) override;

  /// The iterate's evaluations, the start (epoch 0) first.
  const std::vector<workbook::EpochRecord>& records() const { return iterate_.records(); }
  /// The average's, or null when the run does not average.
  const std::vector<workbook::EpochRecord>* average_records() const {
    return average_ ? &average_->records() : nullptr;
  }

 private:
  void write_row(const workbook::Vector& x);

  bool has_test_;
  workbook::EpochEvaluation iterate_;
  std::optional<workbook::EpochEvaluation> average_;
  std::optional<CsvFile> csv_;
  bool parameters_ = false;
};

}  // namespace optlab
