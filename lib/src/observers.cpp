#include "workbook/observers.hpp"

#include <cstdio>
#include <ostream>
#include <stdexcept>

#include "workbook/errors.hpp"
#include "workbook/format.hpp"

namespace workbook {

// ------------------------------------------------------------------------------- TraceRecorder

bool TraceRecorder::on_iteration(const IterationInfo& info) {
  points_.push_back({info.iteration, info.loss, info.gradient_norm, info.step_length, info.x});
  return true;
}

std::vector<double> TraceRecorder::losses() const {
  std::vector<double> values;
  values.reserve(points_.size());
  for (const TracePoint& point : points_) values.push_back(point.loss);
  return values;
}

std::vector<Vector> TraceRecorder::iterates() const {
  std::vector<Vector> values;
  values.reserve(points_.size());
  for (const TracePoint& point : points_) values.push_back(point.x);
  return values;
}

// ----------------------------------------------------------------------------------- CsvWriter

CsvWriter::CsvWriter(const std::filesystem::path& file) : file_(file), out_(file) {
  if (!out_) {
    throw std::runtime_error("cannot write the CSV file " + file.string() +
                             ": check that its folder exists and is writable");
  }
}

bool CsvWriter::on_iteration(const IterationInfo& info) {
  if (!header_written_) {
    out_ << "step,loss,grad_norm";
    for (Index i = 0; i < info.x.size(); ++i) out_ << ",x" << i;
    out_ << '\n';
    header_written_ = true;
  }
  // %.17g: every double survives the round trip through text.
  char buffer[32];
  auto write = [&](double value) {
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    out_ << ',' << buffer;
  };
  out_ << info.iteration;
  write(info.loss);
  write(info.gradient_norm);
  for (Index i = 0; i < info.x.size(); ++i) write(info.x(i));
  out_ << '\n';
  if (!out_) throw std::runtime_error("writing the CSV file " + file_.string() + " failed");
  return true;
}

// -------------------------------------------------------------------------------- ProgressLine

ProgressLine::ProgressLine(std::ostream& out, long every, bool overwrite)
    : out_(out), every_(every), overwrite_(overwrite) {
  require_at_least("every", every, 1);
}

bool ProgressLine::on_iteration(const IterationInfo& info) {
  if (info.iteration % every_ == 0) {
    out_ << (overwrite_ ? "\r" : "") << "iteration " << info.iteration << "  loss "
         << format_number(info.loss) << "  |g| " << format_number(info.gradient_norm)
         << (overwrite_ ? "" : "\n") << std::flush;
  }
  return true;
}

void ProgressLine::on_finish(const Result& result) {
  out_ << (overwrite_ ? "\r" : "") << result.message << '\n' << std::flush;
}

// ------------------------------------------------------------------------------- EarlyStopping

EarlyStopping::EarlyStopping(long patience, double min_delta)
    : patience_(patience), min_delta_(min_delta) {
  require_at_least("patience", patience, 1);
  require_non_negative("min_delta", min_delta);
}

void EarlyStopping::on_start(const Problem&, const UpdateRule&) {
  best_loss_ = std::numeric_limits<double>::infinity();
  best_iteration_ = 0;
  last_iteration_ = 0;
}

bool EarlyStopping::on_iteration(const IterationInfo& info) {
  last_iteration_ = info.iteration;
  if (info.loss < best_loss_ - min_delta_) {
    best_loss_ = info.loss;
    best_iteration_ = info.iteration;
  }
  return info.iteration - best_iteration_ < patience_;
}

std::string EarlyStopping::stop_message() const {
  return "stopped early: the loss has not fallen more than " + format_number(min_delta_) +
         " below its best, " + format_number(best_loss_) + " at iteration " +
         std::to_string(best_iteration_) + ", in " + std::to_string(patience_) +
         " iterations (at iteration " + std::to_string(last_iteration_) + ")";
}

// ------------------------------------------------------------------------------------ StopWhen

StopWhen::StopWhen(std::function<bool(const IterationInfo&)> condition, std::string description)
    : condition_(std::move(condition)), description_(std::move(description)) {}

bool StopWhen::on_iteration(const IterationInfo& info) {
  iteration_ = info.iteration;
  return !condition_(info);
}

std::string StopWhen::stop_message() const {
  return "stopped: " + description_ + " at iteration " + std::to_string(iteration_);
}

// ----------------------------------------------------------------------------- EpochEvaluation

void EpochEvaluationParams::validate() const {
  require_at_least("patience", patience, 0);
  require_non_negative("min_delta", min_delta);
}

EpochEvaluation::EpochEvaluation(const Problem* test, std::function<double(const Vector&)> accuracy,
                                 EpochEvaluationParams params)
    : test_(test), accuracy_(std::move(accuracy)), params_(params) {
  params_.validate();
}

void EpochEvaluation::on_start(const Problem& problem, const UpdateRule&) {
  train_ = &problem;
  records_.clear();
  best_ = 0;
}

EpochRecord EpochEvaluation::evaluate(long epoch, long iteration, long examples_seen,
                                      double learning_rate, const Vector& theta) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  return {epoch,
          iteration,
          examples_seen,
          learning_rate,
          train_->value(theta),
          test_ != nullptr ? test_->value(theta) : nan,
          accuracy_ ? accuracy_(theta) : nan};
}

double EpochEvaluation::watched(const EpochRecord& record) const {
  return test_ != nullptr ? record.test_loss : record.train_loss;
}

bool EpochEvaluation::on_iteration(const IterationInfo& info) {
  if (info.iteration == 0) records_.push_back(evaluate(0, 0, 0, info.learning_rate, info.x));
  return true;
}

bool EpochEvaluation::on_epoch(const EpochInfo& info) {
  const Vector& theta =
      params_.evaluate_average && info.average != nullptr ? *info.average : info.x;
  records_.push_back(
      evaluate(info.epoch, info.iteration, info.examples_seen, info.learning_rate, theta));
  if (watched(records_.back()) < watched(records_[best_]) - params_.min_delta) {
    best_ = records_.size() - 1;
  }
  return params_.patience == 0 || records_.back().epoch - records_[best_].epoch < params_.patience;
}

std::string EpochEvaluation::stop_message() const {
  const EpochRecord& best = records_[best_];
  return std::string("stopped early: the ") + (test_ != nullptr ? "test" : "training") +
         " loss has not fallen more than " + format_number(params_.min_delta) +
         " below its best, " + format_number(watched(best)) + " after epoch " +
         std::to_string(best.epoch) + ", in " + std::to_string(params_.patience) +
         " epochs (at epoch " + std::to_string(records_.back().epoch) + ")";
}

}  // namespace workbook
