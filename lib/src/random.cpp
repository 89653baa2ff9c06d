// Random numbers that are the same on every platform: std::mt19937_64 and documented mappings.
#include "workbook/random.hpp"

#include <cmath>

#include "workbook/errors.hpp"

namespace workbook {

Random::Random(std::uint64_t seed) : engine_(seed) {}

void Random::seed(std::uint64_t seed) {
  engine_.seed(seed);
  spare_normal_.reset();
}

std::uint64_t Random::bits() {
  return engine_();
}

Index Random::index(Index n) {
  require_at_least("n (the number of integers to draw from)", n, 1);
  const auto count = static_cast<std::uint64_t>(n);
  // r = 2^64 mod n, computed in 64 bits as (2^64 − n) mod n.
  const std::uint64_t r = (0 - count) % count;
  std::uint64_t x = bits();
  while (x < r) x = bits();  // reject the r values that would favour the low remainders
  return static_cast<Index>(x % count);
}

double Random::uniform() {
  constexpr double two_to_minus_53 = 0x1.0p-53;
  return static_cast<double>(bits() >> 11) *
         two_to_minus_53;  // exact: an integer < 2^53 times 2^−53
}

double Random::normal() {
  if (spare_normal_) {
    const double z = *spare_normal_;
    spare_normal_.reset();
    return z;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_normal_ = v * factor;
  return u * factor;
}

}  // namespace workbook
