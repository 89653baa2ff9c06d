#include "run_observers.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <stdexcept>

#include "workbook/format.hpp"

namespace optlab {

bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) == 1;
}

// ----------------------------------------------------------------------------------- ProgressBar

namespace {
constexpr auto quiet_period = std::chrono::milliseconds(500);  // short runs show nothing
constexpr auto redraw_period = std::chrono::milliseconds(100);
constexpr int bar_width = 20;
}  // namespace

ProgressBar::ProgressBar(std::ostream& out, std::string label, long total_steps)
    : out_(out), label_(std::move(label)), total_steps_(std::max(total_steps, 1L)) {}

void ProgressBar::on_start(const workbook::Problem&, const workbook::UpdateRule&) {
  start_ = last_drawn_ = Clock::now();
  drawn_width_ = 0;
}

bool ProgressBar::on_iteration(const workbook::IterationInfo& info) {
  // Reading the clock costs more than a small step: look at it every 64 iterations only.
  if (info.iteration % 64 != 0) return true;
  const Clock::time_point now = Clock::now();
  if (now - start_ < quiet_period || now - last_drawn_ < redraw_period) return true;
  last_drawn_ = now;
  draw(info.iteration, info.loss);
  return true;
}

void ProgressBar::draw(long iteration, double loss) {
  const double done = std::min(1.0, static_cast<double>(iteration) / total_steps_);
  const int filled = static_cast<int>(done * bar_width);
  const std::string line =
      label_ + "  [" + std::string(filled, '#') + std::string(bar_width - filled, '-') + "]  " +
      std::to_string(static_cast<int>(100 * done)) + "%  " + std::to_string(iteration) + "/" +
      std::to_string(total_steps_) + "  loss " + workbook::format_number(loss);
  // Pad with spaces to cover a longer previous line, then return to its start.
  const std::size_t padding = drawn_width_ > line.size() ? drawn_width_ - line.size() : 0;
  out_ << '\r' << line << std::string(padding, ' ') << std::flush;
  drawn_width_ = line.size();
}

void ProgressBar::on_finish(const workbook::Result&) {
  erase();
}

ProgressBar::~ProgressBar() {
  erase();
}

void ProgressBar::erase() {
  if (drawn_width_ == 0) return;
  out_ << '\r' << std::string(drawn_width_, ' ') << '\r' << std::flush;
  drawn_width_ = 0;
}

// ---------------------------------------------------------------------------------- ThinnedTrace

ThinnedTrace::ThinnedTrace(long points)
    : points_wanted_(static_cast<std::size_t>(std::max(points, 2L))) {}

void ThinnedTrace::on_start(const workbook::Problem&, const workbook::UpdateRule&) {
  points_.clear();
  stride_ = 1;
}

bool ThinnedTrace::on_iteration(const workbook::IterationInfo& info) {
  last_step_length_ = info.step_length;
  if (info.iteration % stride_ != 0) return true;
  points_.push_back({info.iteration, info.loss, info.gradient_norm, info.step_length, info.x});
  if (points_.size() == 2 * points_wanted_) {
    // Full: keep the iterates at multiples of twice the stride (every other one kept so far).
    std::size_t kept = 0;
    for (std::size_t i = 0; i < points_.size(); i += 2) points_[kept++] = std::move(points_[i]);
    points_.resize(kept);
    stride_ *= 2;
  }
  return true;
}

void ThinnedTrace::on_finish(const workbook::Result& result) {
  // The last iterate, unless the stride kept it already.
  if (points_.empty() || points_.back().iteration != result.iterations) {
    points_.push_back(
        {result.iterations, result.loss, result.gradient_norm, last_step_length_, result.x});
  }
}

// --------------------------------------------------------------------------------------- CsvFile

CsvFile::CsvFile(const std::filesystem::path& file) : file_(file), out_(file) {
  if (!out_) {
    throw std::runtime_error("cannot write the CSV file " + file.string() +
                             ": check that its folder exists and is writable");
  }
}

void CsvFile::header(const std::vector<std::string>& columns) {
  for (std::size_t j = 0; j < columns.size(); ++j) out_ << (j > 0 ? "," : "") << columns[j];
  end_row();
}

CsvFile& CsvFile::row(long first) {
  out_ << first;
  return *this;
}

CsvFile& CsvFile::operator<<(long value) {
  out_ << ',' << value;
  return *this;
}

CsvFile& CsvFile::operator<<(double value) {
  // %.17g: every double survives the round trip through text.
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  out_ << ',' << buffer;
  return *this;
}

CsvFile& CsvFile::operator<<(const workbook::Vector& x) {
  for (workbook::Index i = 0; i < x.size(); ++i) *this << x(i);
  return *this;
}

void CsvFile::end_row() {
  out_ << '\n';
  if (!out_) throw std::runtime_error("writing the CSV file " + file_.string() + " failed");
}

std::vector<std::string> parameter_columns(workbook::Index n) {
  std::vector<std::string> columns;
  for (workbook::Index i = 0; i < n; ++i) columns.push_back("x" + std::to_string(i));
  return columns;
}

// ----------------------------------------------------------------------------------- TrainingCsv

TrainingCsv::TrainingCsv(const std::filesystem::path& file, bool parameters)
    : csv_(file), parameters_(parameters) {}

void TrainingCsv::on_start(const workbook::Problem& problem, const workbook::UpdateRule&) {
  std::vector<std::string> columns{"step", "epoch", "examples_seen", "lr", "loss", "grad_norm"};
  if (parameters_) {
    for (std::string& column : parameter_columns(problem.dimension())) columns.push_back(column);
  }
  csv_.header(columns);
}

bool TrainingCsv::on_iteration(const workbook::IterationInfo& info) {
  csv_.row(info.iteration) << info.epoch << info.examples_seen << info.learning_rate << info.loss
                           << info.gradient_norm;
  if (parameters_) csv_ << info.x;
  csv_.end_row();
  return true;
}

// ------------------------------------------------------------------------------------ EpochTable

EpochTable::EpochTable(const workbook::TestSplit* test, bool average)
    : has_test_(test != nullptr),
      iterate_(test != nullptr ? test->problem.get() : nullptr,
               test != nullptr ? test->accuracy : nullptr) {
  if (average) {
    average_.emplace(test != nullptr ? test->problem.get() : nullptr,
                     test != nullptr ? test->accuracy : nullptr,
                     workbook::EpochEvaluationParams{.evaluate_average = true});
  }
}

void EpochTable::write_to(const std::filesystem::path& file, bool parameters) {
  csv_.emplace(file);
  parameters_ = parameters;
}

void EpochTable::on_start(const workbook::Problem& problem, const workbook::UpdateRule& rule) {
  iterate_.on_start(problem, rule);
  if (average_) average_->on_start(problem, rule);
  if (!csv_) return;
  std::vector<std::string> columns{"epoch", "step", "examples_seen", "lr"};
  for (const char* prefix : {"", "average_"}) {
    if (*prefix != '\0' && !average_) break;
    columns.push_back(std::string(prefix) + "train_loss");
    if (has_test_) {
      columns.push_back(std::string(prefix) + "test_loss");
      columns.push_back(std::string(prefix) + "test_accuracy");
    }
  }
  if (parameters_) {
    for (std::string& column : parameter_columns(problem.dimension())) columns.push_back(column);
  }
  csv_->header(columns);
}

bool EpochTable::on_iteration(const workbook::IterationInfo& info) {
  iterate_.on_iteration(info);
  if (average_) average_->on_iteration(info);
  if (info.iteration == 0) write_row(info.x);  // the start, epoch 0
  return true;
}

bool EpochTable::on_epoch(const workbook::EpochInfo& info) {
  iterate_.on_epoch(info);
  if (average_) average_->on_epoch(info);
  write_row(info.x);
  return true;
}

void EpochTable::on_finish(const workbook::Result&) {
  if (csv_) csv_->flush();
}

void EpochTable::write_row(const workbook::Vector& x) {
  if (!csv_) return;
  const workbook::EpochRecord& record = iterate_.records().back();
  csv_->row(record.epoch) << record.iteration << record.examples_seen << record.learning_rate;
  for (const workbook::EpochEvaluation* evaluation : {&iterate_, average_ ? &*average_ : nullptr}) {
    if (evaluation == nullptr) break;
    const workbook::EpochRecord& evaluated = evaluation->records().back();
    *csv_ << evaluated.train_loss;
    if (has_test_) *csv_ << evaluated.test_loss << evaluated.test_accuracy;
  }
  if (parameters_) *csv_ << x;
  csv_->end_row();
}

}  // namespace optlab
