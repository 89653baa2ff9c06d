// Known mistake: the closed form η₀γ^⌊t/s⌋ with std::pow, which rounds differently from torch's
// product of the previous rate and γ.
#include <cmath>

#include "workbook/schedules.hpp"

double workbook::StepLR::next_learning_rate(long t, double) {
  return base_learning_rate() *
         std::pow(params().gamma, static_cast<double>(t / params().step_size));
}
