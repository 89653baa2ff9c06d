#include "workbook/network_random.hpp"

#include <cmath>
#include <numbers>

namespace workbook::nn {

double Random::uniform() {
  // The top 53 bits, scaled by 2⁻⁵³: every double of the form k/2⁵³, k = 0, ..., 2⁵³ − 1.
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

double Random::uniform(double low, double high) {
  return low + (high - low) * uniform();
}

double Random::normal() {
  const double u1 = uniform();
  const double u2 = uniform();
  // Box–Muller: the radius √(−2 ln(1 − u₁)) and the angle 2πu₂.
  return std::sqrt(-2.0 * std::log(1.0 - u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace workbook::nn
