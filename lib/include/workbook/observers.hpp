/// \file
/// Observers for the driver: record a trace, write it as CSV, show progress, stop early.
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <iosfwd>
#include <limits>
#include <string>
#include <vector>

#include "workbook/driver.hpp"

namespace workbook {

/// One recorded iterate.
struct TracePoint {
  long iteration;        ///< \f$k\f$
  double loss;           ///< \f$f(x_k)\f$
  double gradient_norm;  ///< \f$\|\nabla f(x_k)\|_2\f$
  double step_length;    ///< \f$\|x_k - x_{k-1}\|_2\f$
  Vector x;              ///< \f$x_k\f$
};

/// Records every iterate of a run (cleared when a run starts).
class TraceRecorder : public Observer {
 public:
  void on_start(const Problem&, const UpdateRule&) override { points_.clear(); }
  bool on_iteration(const IterationInfo& info) override;

  /// Every iterate of the last run, the start point first.
  const std::vector<TracePoint>& points() const { return points_; }
  /// \f$f(x_0), f(x_1), \dots\f$
  std::vector<double> losses() const;
  /// \f$x_0, x_1, \dots\f$
  std::vector<Vector> iterates() const;

 private:
  std::vector<TracePoint> points_;
};

/// Writes one CSV row per iterate: `step,loss,grad_norm,x0,x1,...`, every number with 17
/// significant digits so that the file reproduces the run's doubles exactly.
///
/// The file is opened by the constructor, which throws `std::runtime_error` naming it if it cannot
/// be written, so a bad path is reported before the run starts.
class CsvWriter : public Observer {
 public:
  /// Opens `file` for writing (replacing it); throws `std::runtime_error` if it cannot.
  explicit CsvWriter(const std::filesystem::path& file);
  bool on_iteration(const IterationInfo& info) override;
  void on_finish(const Result&) override { out_.flush(); }

 private:
  std::filesystem::path file_;
  std::ofstream out_;
  bool header_written_ = false;
};

/// A progress line for long runs: "iteration 1200  loss 3.2e-4  |g| 1.1e-2", every `every`
/// iterations. With `overwrite`, each line replaces the previous one (for a terminal).
class ProgressLine : public Observer {
 public:
  /// Writes to `out` every `every` iterations; throws `std::invalid_argument` unless
  /// `every` \f$\ge 1\f$.
  ProgressLine(std::ostream& out, long every = 1000, bool overwrite = false);
  bool on_iteration(const IterationInfo& info) override;
  void on_finish(const Result& result) override;

 private:
  std::ostream& out_;
  long every_;
  bool overwrite_;
};

/// Early stopping: ends the run when the loss has not fallen more than `min_delta` below its best
/// value for `patience` iterations in a row.
class EarlyStopping : public Observer {
 public:
  /// Throws `std::invalid_argument` unless `patience` \f$\ge 1\f$ and `min_delta` \f$\ge 0\f$.
  explicit EarlyStopping(long patience, double min_delta = 0.0);
  void on_start(const Problem&, const UpdateRule&) override;
  bool on_iteration(const IterationInfo& info) override;
  std::string stop_message() const override;

 private:
  long patience_;
  double min_delta_;
  double best_loss_ = std::numeric_limits<double>::infinity();
  long best_iteration_ = 0;
  long last_iteration_ = 0;
};

/// Ends the run as soon as `condition` holds: "stopped: ‖x − x*‖∞ ≤ 1e-6 at iteration 452".
class StopWhen : public Observer {
 public:
  /// `description` says what `condition` tests, for the run's message: "‖x − x*‖∞ ≤ 1e-6".
  StopWhen(std::function<bool(const IterationInfo&)> condition, std::string description);
  bool on_iteration(const IterationInfo& info) override;
  std::string stop_message() const override;

 private:
  std::function<bool(const IterationInfo&)> condition_;
  std::string description_;
  long iteration_ = 0;
};

}  // namespace workbook
