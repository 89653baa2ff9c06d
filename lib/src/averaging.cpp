// Chapter 2: Polyak–Ruppert averaging and the exponential moving average of the iterates.
#include "workbook/averaging.hpp"

#include <stdexcept>
#include <string>

#include "workbook/errors.hpp"

namespace workbook {

namespace {

// The checks every update makes: a finite iterate of the size of the first one.
void check_iterate(const Vector& theta, long t, const Vector& average) {
  if (t > 0) require_size("theta", theta, average.size(), "the size of the first iterate");
  require_finite("theta", theta);
}

[[noreturn]] void no_iterate_yet() {
  throw std::logic_error("the average has no iterate yet: call update() first");
}

}  // namespace

// ------------------------------------------------------------------------------- PolyakAverage

void PolyakAverageParams::validate() const {
  require_at_least("burn_in", burn_in, 0);
}

PolyakAverage::PolyakAverage(PolyakAverageParams params) : params_(params) {
  params_.validate();
}

void PolyakAverage::reset() {
  average_.resize(0);
  t_ = 0;
}

void PolyakAverage::update(const Vector& theta) {
  check_iterate(theta, t_, average_);
  ++t_;
  const long n = t_ - params_.burn_in;  // iterates in the average, this one included
  if (n <= 1) {
    average_ = theta;  // the latest iterate during the burn-in; the first averaged one is copied
  } else {
    average_ += (theta - average_) / static_cast<double>(n);  // θ̄ += (θ − θ̄)/n
  }
}

const Vector& PolyakAverage::value() const {
  if (t_ == 0) no_iterate_yet();
  return average_;
}

// -------------------------------------------------------------------------- ExponentialAverage

void ExponentialAverageParams::validate() const {
  require_half_open_interval("decay", decay, 0.0, 1.0);
}

ExponentialAverage::ExponentialAverage(ExponentialAverageParams params) : params_(params) {
  params_.validate();
}

void ExponentialAverage::reset() {
  average_.resize(0);
  t_ = 0;
}

void ExponentialAverage::update(const Vector& theta) {
  check_iterate(theta, t_, average_);
  if (t_ == 0) {
    average_ = theta;
  } else {
    average_ += (1.0 - params_.decay) * (theta - average_);  // θ̃ += (1 − β)(θ − θ̃)
  }
  ++t_;
}

const Vector& ExponentialAverage::value() const {
  if (t_ == 0) no_iterate_yet();
  return average_;
}

}  // namespace workbook
