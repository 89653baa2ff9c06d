// Chapter 3, exercise 4: tuning momentum, from the roots of the iteration matrix.
//
// Read: Chapter 3, §3.4 "Momentum on a quadratic" (chapters/ch03_momentum.md, #ch03-quadratic)
// for the iteration matrix T and its four regimes, §3.5 "The optimal heavy ball" (#ch03-optimal)
// for the two conditions that place the spectrum, and §3.6 (#ch03-nesterov) for Nesterov's choice.
//
// Contract: three functions, declared in lib/include/workbook/momentum.hpp.
// - heavy_ball_spectral_radius(params, λ): the largest modulus |z| of the two roots of
//   z² − (1 + β − ηλ) z + β = 0, real or complex (η = params.learning_rate, β = params.momentum).
//   Write it from the polynomial, or with Eigen's EigenSolver on T; workbook::spectral_radius is
//   this function for any 2×2 matrix and is what the tests compare with, so do not call it.
// - optimal_heavy_ball(λ₁, λₙ): the (η, β) that make the slowest eigen-direction of [λ₁, λₙ] as
//   fast as possible: solve §3.5's two conditions.
// - nesterov_parameters(ℓ, L): Nesterov's (η, β) for an L-smooth, ℓ-strongly convex function, as
//   §3.6 chooses them (λ₁ = ℓ, λₙ = L).
// - Bad input throws std::invalid_argument naming the value: params.validate() for η ≤ 0 or β
//   outside [0, 1); a message of your own for a λ that is not finite ("eigenvalue = nan is
//   invalid: ..."); workbook::require_positive (workbook/errors.hpp) for λ₁ and λₙ, and a message
//   of your own ("largest_eigenvalue = 5 is invalid: ...") when λₙ < λ₁.
//
// Check:  ctest --preset default -L ch03 -R momentum_tuning
#include "workbook/errors.hpp"
#include "workbook/momentum.hpp"

double workbook::heavy_ball_spectral_radius(const MomentumParams& params, double eigenvalue) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 3, §3.4 Momentum on a quadratic");
}

workbook::MomentumParams workbook::optimal_heavy_ball(double smallest_eigenvalue,
                                                      double largest_eigenvalue) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 3, §3.5 The optimal heavy ball");
}

workbook::MomentumParams workbook::nesterov_parameters(double smallest_eigenvalue,
                                                       double largest_eigenvalue) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 3, §3.6 Nesterov's accelerated gradient");
}
