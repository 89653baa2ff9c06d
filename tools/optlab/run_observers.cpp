#include "run_observers.hpp"

#include <unistd.h>

#include <algorithm>
#include <ostream>

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

}  // namespace optlab
