/// \file
/// Random numbers that are the same on every platform.
///
/// The C++ standard fixes the sequence of `std::mt19937_64` (its 10000th output from the default
/// seed is 9981545732273789042), but not the distributions: `std::uniform_int_distribution`,
/// `std::uniform_real_distribution` and `std::normal_distribution` may map the same engine output to
/// different numbers in libstdc++, libc++ and MSVC. Random therefore maps the engine's 64-bit
/// outputs itself, with the mappings documented below, so that a seed gives the same minibatches,
/// the same shuffles and the same synthetic data everywhere (`lib/tests/test_random.cpp` pins the
/// first outputs of a seed).
#pragma once

#include <cstdint>
#include <optional>
#include <random>

#include "workbook/types.hpp"

namespace workbook {

/// A seeded random number generator: `std::mt19937_64` and three documented mappings of its
/// outputs \f$x \in \{0, \dots, 2^{64} - 1\}\f$.
///
/// - index(): an integer in \f$[0, n)\f$ by rejection, exactly uniform;
/// - uniform(): a double in \f$[0, 1)\f$ from the top 53 bits, \f$u = \lfloor x / 2^{11}\rfloor\, 2^{-53}\f$;
/// - normal(): a standard normal by the Marsaglia polar method.
///
/// index() and uniform() use integer arithmetic and one exact multiplication: they are
/// bit-for-bit identical on every platform. normal() also calls `std::log` and `std::sqrt`;
/// `std::sqrt` is exact (correctly rounded) by IEEE 754, `std::log` is within an ulp everywhere and
/// identical wherever the C library is (glibc on Debian, as the pinned test values assume).
class Random {
 public:
  /// The engine `std::mt19937_64(seed)`.
  explicit Random(std::uint64_t seed);

  /// Back to the state of Random(seed).
  void seed(std::uint64_t seed);

  /// The engine's next output \f$x\f$, 64 uniformly random bits.
  std::uint64_t bits();

  /// An integer uniformly distributed on \f$\{0, 1, \dots, n - 1\}\f$, without bias.
  ///
  /// `x % n` alone favours the remainders below \f$2^{64} \bmod n\f$ (they have one more preimage).
  /// Rejection removes them: outputs \f$x < r = 2^{64} \bmod n\f$ are drawn again, so that the
  /// \f$2^{64} - r\f$ accepted values (a multiple of \f$n\f$) map onto each remainder equally often;
  /// then \f$x \bmod n\f$ is returned. At most one draw in two is rejected (\f$r < n \le 2^{63}\f$),
  /// and for small \f$n\f$ almost none. Throws `std::invalid_argument` unless \f$n \ge 1\f$.
  Index index(Index n);

  /// A double uniformly distributed on \f$[0, 1)\f$: the top 53 bits of \f$x\f$ times \f$2^{-53}\f$,
  /// \f$u = \lfloor x / 2^{11} \rfloor \cdot 2^{-53}\f$. Every multiple of \f$2^{-53}\f$ in \f$[0, 1)\f$
  /// is equally likely; the product is exact, so no rounding depends on the platform.
  double uniform();

  /// A double uniformly distributed on \f$[\text{low}, \text{high})\f$:
  /// \f$\text{low} + (\text{high} - \text{low})\,u\f$ with \f$u\f$ = uniform().
  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  /// A standard normal \f$z \sim N(0, 1)\f$ by the Marsaglia polar method.
  ///
  /// Draw \f$u = 2U_1 - 1\f$ and \f$v = 2U_2 - 1\f$ (with \f$U_1, U_2\f$ from uniform(), \f$U_1\f$
  /// first) until \f$0 < s = u^2 + v^2 < 1\f$; then \f$u\sqrt{-2\ln s / s}\f$ and \f$v\sqrt{-2\ln s/s}\f$
  /// are two independent standard normals. The first is returned; the second is kept and returned
  /// by the next call to normal() (calls to bits(), index() and uniform() in between do not discard
  /// it; seed() does). The pair costs \f$4/\pi \approx 1.27\f$ pairs of uniforms on average.
  double normal();

 private:
  std::mt19937_64 engine_;
  std::optional<double> spare_normal_;  // v·√(−2 ln s / s), the second normal of the last pair
};

}  // namespace workbook
