// Chapter 2: Polyak–Ruppert averaging and the exponential moving average of the iterates.
#include "workbook/averaging.hpp"

#include <stdexcept>
#include <string>

#include "workbook/errors.hpp"
#include "workbook/format.hpp"

namespace workbook {

// ------------------------------------------------------------------------------ IterateAverage

template <class Params>
IterateAverage<Params>::IterateAverage(Params params) : params_(params) {
  params_.validate();
}

template <class Params>
void IterateAverage<Params>::reset() {
  average_.resize(0);
  t_ = 0;
}

template <class Params>
long IterateAverage<Params>::count(const Vector& theta) {
  if (t_ > 0) require_size("theta", theta, average_.size(), "the size of the first iterate");
  require_finite("theta", theta);
  return ++t_;
}

template <class Params>
const Vector& IterateAverage<Params>::value() const {
  if (t_ == 0) throw std::logic_error("the average has no iterate yet: call update() first");
  return average_;
}

template class IterateAverage<PolyakAverageParams>;
template class IterateAverage<ExponentialAverageParams>;

// ------------------------------------------------------------------------------- PolyakAverage

const Settings<PolyakAverageParams>& PolyakAverageParams::fields() {
  static const auto fields = Settings<PolyakAverageParams>().add(
      &PolyakAverageParams::burn_in, "burn_in", "average_start", Range::at_least(0),
      "burn-in t_0: the iterates averaged are those after the first t_0");
  return fields;
}

std::string PolyakAverage::name() const {
  return "polyak (burn_in = " + std::to_string(params().burn_in) + ")";
}

// PolyakAverage::update() is Chapter 2's exercise polyak_average
// (exercises/ch02/polyak_average.cpp).

// -------------------------------------------------------------------------- ExponentialAverage

const Settings<ExponentialAverageParams>& ExponentialAverageParams::fields() {
  static const auto fields = Settings<ExponentialAverageParams>().add(
      &ExponentialAverageParams::decay, "decay", "ema_decay", Range::half_open(0.0, 1.0),
      "weight beta of the past: the average remembers about 1/(1 - beta) iterates");
  return fields;
}

std::string ExponentialAverage::name() const {
  return "ema (decay = " + format_number(params().decay) + ")";
}

void ExponentialAverage::update(const Vector& theta) {
  if (count(theta) == 1) {
    average() = theta;
  } else {
    average() += (1.0 - params().decay) * (theta - average());  // θ̃ += (1 − β)(θ − θ̃)
  }
}

}  // namespace workbook
