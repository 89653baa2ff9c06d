/// \file
/// The random numbers of the network module (Chapter 6): the same on every platform.
///
/// `std::normal_distribution` and `std::uniform_real_distribution` are not portable: the standard
/// fixes the engine `std::mt19937_64` bit for bit, but not how a distribution maps its output to
/// numbers, so the same seed gives different initial weights with libstdc++, libc++ and MSVC.
/// nn::Random uses only the engine and two documented mappings; everything random in the network
/// module (initial weights, the tests' data) goes through it, and only through it, so that it can
/// be exchanged for another generator in one place.
#pragma once

#include <cstdint>
#include <random>

namespace workbook::nn {

/// `std::mt19937_64` with two documented mappings to doubles.
///
/// - uniform(): the top 53 bits of the next 64-bit output \f$x\f$, as
///   \f$u = \lfloor x / 2^{11} \rfloor \cdot 2^{-53} \in [0, 1)\f$: exact, the same bits everywhere.
/// - normal(): Box–Muller from two uniforms \f$u_1, u_2\f$ (in this order),
///   \f$z = \sqrt{-2\ln(1 - u_1)}\,\cos(2\pi u_2)\f$; the sine half is not used, so every normal
///   draw consumes exactly two outputs of the engine. \f$1 - u_1 \in (0, 1]\f$, so the logarithm is
///   finite. The result is the same on every platform to within the last bit of its `std::log`
///   and `std::cos`.
class Random {
 public:
  /// The engine seeded with `seed`, as `std::mt19937_64(seed)`.
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  /// The engine's next raw output.
  std::uint64_t next() { return engine_(); }
  /// \f$u \in [0, 1)\f$, one engine output.
  double uniform();
  /// \f$\text{low} + (\text{high} - \text{low})\,u\f$, one engine output.
  double uniform(double low, double high);
  /// \f$z \sim N(0, 1)\f$ by Box–Muller, two engine outputs.
  double normal();

 private:
  std::mt19937_64 engine_;
};

}  // namespace workbook::nn
