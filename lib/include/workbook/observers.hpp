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

/// One row of EpochEvaluation: the model at the start (epoch 0) or at the end of an epoch.
struct EpochRecord {
  long epoch;            ///< \f$e\f$; 0 for the start point
  long iteration;        ///< \f$k\f$, the steps taken
  long examples_seen;    ///< \f$|B_0| + \dots + |B_{k-1}|\f$
  double learning_rate;  ///< \f$\eta\f$ of the next step (NaN for a rule without one)
  double train_loss;     ///< the full training loss \f$L(\theta)\f$
  double test_loss;      ///< the loss on the test set (NaN without one)
  double test_accuracy;  ///< the fraction of the test set classified right (NaN without it)
};

/// What EpochEvaluation evaluates, and when it stops a run.
struct EpochEvaluationParams {
  /// Evaluate the average of the iterates (Training::average) instead of the last iterate.
  bool evaluate_average = false;
  /// Early stopping: end the run when the test loss (the training loss without a test set) has
  /// not fallen more than `min_delta` below its best for `patience` epochs; 0 turns it off.
  long patience = 0;
  /// See patience; \f$\ge 0\f$.
  double min_delta = 0.0;
  /// Throws `std::invalid_argument` for a negative patience or min_delta.
  void validate() const;
};

/// Evaluates a training run (train()) at its start and at the end of every epoch: the full
/// training loss and, on a test set, the loss and the accuracy; optionally stops the run early.
/// The per-step losses of a training run are minibatch losses, noisy by design; these are the
/// curves the notes plot against epochs and examples seen.
class EpochEvaluation : public Observer {
 public:
  /// `test` is the same model on the test set (null: none); `accuracy` gives the test accuracy of
  /// a parameter vector (empty: none). Both must outlive the observer. Throws
  /// `std::invalid_argument` if `params` is invalid.
  EpochEvaluation(const Problem* test, std::function<double(const Vector&)> accuracy,
                  EpochEvaluationParams params = {});
  void on_start(const Problem& problem, const UpdateRule& rule) override;
  bool on_iteration(const IterationInfo& info) override;
  bool on_epoch(const EpochInfo& info) override;
  std::string stop_message() const override;

  /// A row per evaluation, epoch 0 (the start point) first.
  const std::vector<EpochRecord>& records() const { return records_; }

 private:
  EpochRecord evaluate(long epoch, long iteration, long examples_seen, double learning_rate,
                       const Vector& theta) const;
  // The loss early stopping watches: the test loss, or the training loss without a test set.
  double watched(const EpochRecord& record) const;

  const Problem* test_;
  std::function<double(const Vector&)> accuracy_;
  EpochEvaluationParams params_;
  const Problem* train_ = nullptr;
  std::vector<EpochRecord> records_;
  std::size_t best_ = 0;  // index of the best watched loss in records_
};

}  // namespace workbook
