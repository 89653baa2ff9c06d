// Chapter 3, §3.4–§3.6: the heavy ball's spectral radius, its optimal (η, β), Nesterov's tuned
// (η, β) and the rate map. Exercise: momentum_tuning (exercises/ch03/momentum_tuning.cpp).
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <boost/core/demangle.hpp>
#include <cmath>
#include <complex>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <typeinfo>
#include <vector>

#include "workbook/gradient_descent.hpp"
#include "workbook/momentum.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/momentum.hpp"
#include "workbook/testing/momentum_edits.hpp"

using namespace workbook;
using testing::close;

namespace {

// max |z| over the eigenvalues of the heavy ball's T, by Eigen: the judge of the student's radius.
double eigen_radius(double eta, double beta, double lambda) {
  const Eigen::Matrix2d T = heavy_ball_iteration_matrix({eta, beta}, lambda);
  return Eigen::EigenSolver<Eigen::Matrix2d>(T).eigenvalues().cwiseAbs().maxCoeff();
}

// min|z|, the smaller modulus of the two roots of z² − (1 + β − ηλ)z + β.
double smaller_modulus(double eta, double beta, double lambda) {
  const Eigen::Matrix2d T = heavy_ball_iteration_matrix({eta, beta}, lambda);
  return Eigen::EigenSolver<Eigen::Matrix2d>(T).eigenvalues().cwiseAbs().minCoeff();
}

// The student's radius at another (η, β, λ), to read what it does there: NaN if it throws.
double student_radius(double eta, double beta, double lambda) {
  try {
    return heavy_ball_spectral_radius({eta, beta}, lambda);
  } catch (const std::exception&) {
    return std::numeric_limits<double>::quiet_NaN();
  }
}

// (η, β, λ) where the two roots are real with different moduli: positive, negative, and a stiff
// λ = 100; and the same points in words, for the messages.
constexpr std::array<std::array<double, 3>, 3> real_root_points = {
    {{0.01, 0.5, 1.0}, {2.95, 0.5, 1.0}, {0.0001, 0.3, 100.0}}};
constexpr const char* real_root_points_text =
    "η, β, λ = 0.01, 0.5, 1; 2.95, 0.5, 1; 0.0001, 0.3, 100";

// The regime of §3.4 that ηλ and β fall in.
std::string regime(double eta, double beta, double lambda) {
  const double h = eta * lambda, root = std::sqrt(beta);
  if (lambda < 0.0) return "negative curvature, λ < 0: a real root above 1";
  if (lambda == 0.0) return "a flat direction, λ = 0: the roots 1 and β";
  if (h >= 2.0 + 2.0 * beta) return "divergent, ηλ ≥ 2 + 2β";
  if (h > (1.0 + root) * (1.0 + root)) return "real negative roots, (1 + √β)² < ηλ < 2 + 2β";
  if (h > (1.0 - root) * (1.0 - root)) return "complex roots, (1 − √β)² < ηλ < (1 + √β)²";
  return "real positive roots, ηλ < (1 − √β)²";
}

// When the student's radius is above max|z| at every probe point (each regime, and a double
// root), the sentence that says what such a number is: an upper bound; "" otherwise.
std::string radius_above_everywhere() {
  int above = 0, probes = 0;
  for (const auto& [eta, beta, lambda] :
       {std::tuple{0.01, 0.5, 1.0}, std::tuple{0.5, 0.9, 1.0}, std::tuple{1.0, 0.5, 1.0},
        std::tuple{2.95, 0.5, 1.0}, std::tuple{3.2, 0.5, 1.0}, std::tuple{0.01, 0.81, 1.0}}) {
    ++probes;
    try {
      const double got = heavy_ball_spectral_radius({eta, beta}, lambda);
      if (got > eigen_radius(eta, beta, lambda) * (1.0 + 1e-9)) ++above;
    } catch (const std::exception&) {
      return "";
    }
  }
  if (above < probes) return "";
  return ": above max|z| in every regime (η, β, λ = 0.01, 0.5, 1; 0.5, 0.9, 1; 1, 0.5, 1; 2.95, "
         "0.5, 1; 3.2, 0.5, 1; 0.01, 0.81, 1): an upper bound of the radius, not the radius. "
         "Every norm of T, or of a power of T, bounds it from above, ‖Tᵏ‖^{1/k} ≥ ρ(T), and "
         "reaches it only as k → ∞ (Gelfand's formula), slowest at a double root, where "
         "‖Tᵏ‖ grows like k·ρᵏ; ρ(T) is the largest |z| over the two roots of "
         "z² − (1 + β − ηλ)z + β: solve for them (§3.4)";
}

// What a wrong spectral radius `got` (expected `want`) says, from the properties of the roots.
std::string diagnose_radius(double eta, double beta, double lambda, double got, double want) {
  const double sum = 1.0 + beta - eta * lambda, discriminant = sum * sum - 4.0 * beta;
  std::string why = "η = " + format_number(eta, 6) + ", β = " + format_number(beta, 6) +
                    ", λ = " + format_number(lambda, 6) + " (" + regime(eta, beta, lambda) +
                    "): ρ = " + format_number(got, 6) +
                    ", expected max|z| = " + format_number(want, 6);
  const std::string edit = testing::radius_edit(heavy_ball_spectral_radius);
  if (!edit.empty()) why += ": " + edit;
  // An infinite radius for finite η, β, λ: the roots of a quadratic with finite coefficients are
  // finite, and outside the stability interval the radius is a number ≥ 1, the growth rate.
  if (std::isinf(got) && std::isfinite(want)) {
    return why +
           ": the roots of z² − (1 + β − ηλ)z + β are finite for every finite η, β, λ, so "
           "is ρ = ∞ returned as a verdict (\"diverges\") where ηλ is outside (0, 2 + 2β)? "
           "There the radius is the largest modulus of the roots, " +
           format_number(want, 6) +
           " ≥ 1: how fast the error grows per step, which the plots and the stability test "
           "ρ < 1 read (§3.4)";
  }
  // The regimes told apart by λ where §3.4's bands are of ηλ: right where η = 1 only.
  {
    const auto by_lambda = [](double e, double b, double l) {
      const double r = std::sqrt(b), s = 1.0 + b - e * l;
      if (l >= (1.0 - r) * (1.0 - r) && l <= (1.0 + r) * (1.0 + r)) return r;
      return (std::abs(s) + std::sqrt(s * s - 4.0 * b)) / 2.0;
    };
    int agree = 0, tell = 0;
    const std::vector<std::tuple<double, double, double>> points = {{eta, beta, lambda},
                                                                    {0.1, 0.9, 10.0},
                                                                    {0.001, 0.9, 1.0},
                                                                    {0.01, 0.5, 1.0},
                                                                    {0.5, 0.9, 1.0}};
    for (const auto& [e, b, l] : points) {
      const double model = by_lambda(e, b, l), theirs = student_radius(e, b, l);
      if ((std::isnan(model) && std::isnan(theirs)) || close(theirs, model, 1e-9)) ++agree;
      if (!close(model, eigen_radius(e, b, l), 1e-9)) ++tell;
    }
    if (agree == int(points.size()) && tell >= 2) {
      return why +
             ": the regimes are told apart by λ, not by ηλ: at η = 0.1, β = 0.9, λ = 10 "
             "(ηλ = 1, complex roots) it gives " +
             format_number(student_radius(0.1, 0.9, 10.0), 6) +
             ", and at η = 0.001, β = 0.9, λ = 1 (ηλ = 0.001, real roots) " +
             format_number(student_radius(0.001, 0.9, 1.0), 6) +
             ", √β: is λ compared with the edges (1 ∓ √β)²? λ enters z² − (1 + β − ηλ)z + β "
             "only through ηλ, so the bands of §3.4 are bands of the product ηλ; λ alone "
             "tells them right only when η = 1";
    }
  }
  // A radius capped at 1: exactly 1 wherever max|z| is above it (here and at η = 3.2, β = 0.5,
  // λ = 1, where max|z| = 1.3217).
  if (got == 1.0 && want > 1.0) {
    if (student_radius(3.2, 0.5, 1.0) == 1.0) {
      return why +
             ": 1 exactly wherever max|z| is above 1 (at η = 3.2, β = 0.5, λ = 1 too, where it is "
             "1.3217): is the radius capped, min(ρ, 1)? ρ is the largest |z| whatever its size; "
             "above 1 it is how fast that component grows, which the stability edge "
             "ηλ = 2 + 2β and §3.5's map of the rate read";
    }
  }
  // λ < 0 read as |λ|: the radius of the mirrored bowl, below 1 where the true one is above.
  if (lambda < 0.0 && close(got, eigen_radius(eta, beta, -lambda), 1e-9)) {
    return why + ": that is the radius at λ = " + format_number(-lambda) +
           ", the bowl mirrored: is |λ| used (or √(λ²))? A negative λ is negative curvature (a "
           "saddle, or a maximum): s = 1 + β − ηλ exceeds 1 + β and the larger root exceeds 1; "
           "the formula of §3.4 takes λ with its sign";
  }
  // λ < 0, negative curvature: s = 1 + β − ηλ > 1 + β, and the larger root is above 1.
  if (lambda < 0.0 && got == 1.0) {
    return why +
           ": a negative λ is not a flat direction: along negative curvature (a saddle, or a "
           "maximum) s = 1 + β − ηλ exceeds 1 + β, the larger root (s + √(s² − 4β))/2 exceeds 1, "
           "and the component grows; only λ = 0 has the root 1. Is every λ ≤ 0 given ρ = 1? The "
           "formula of §3.4 holds for every finite λ";
  }
  // Complex roots z = s/2 ± i√(−D)/2 have |z|² = s²/4 − D/4 = β. With the discriminant's sign
  // kept, s²/4 + D/4 = s²/2 − β: the imaginary part taken as √D/2, not √(−D)/2.
  if (discriminant < 0.0 && (close(got, std::sqrt(sum * sum / 2.0 - beta), 1e-9) ||
                             (std::isnan(got) && sum * sum / 2.0 < beta))) {
    return why +
           ": for complex roots z = s/2 ± i·√(−D)/2 (s = 1 + β − ηλ, D = s² − 4β < 0) the "
           "modulus is |z|² = (s/2)² + (−D)/4 = β, so ρ = √β; the imaginary part's square was "
           "taken as +D/4, the discriminant with its sign, which gives √(s²/2 − β) (NaN where "
           "s² < 2β). A negative D enters the modulus as −D";
  }
  // A norm of T instead of its spectral radius: ‖T‖ ≥ ρ(T), equal only for a normal T.
  const Eigen::Matrix2d T = heavy_ball_iteration_matrix({eta, beta}, lambda);
  for (const auto& [norm, name] :
       {std::pair{T.operatorNorm(), "the operator norm ‖T‖₂, T's largest singular value"},
        std::pair{T.norm(), "the Frobenius norm ‖T‖_F"},
        std::pair{T.cwiseAbs().rowwise().sum().maxCoeff(), "the norm ‖T‖_∞, the largest row sum"},
        std::pair{T.cwiseAbs().colwise().sum().maxCoeff(),
                  "the norm ‖T‖₁, the largest column sum"}}) {
    if (!close(norm, want, 1e-9) && close(got, norm, 1e-9)) {
      return why + ": that is " + name +
             ", how far T can stretch a state in one step, not its spectral radius max|z|: T "
             "is not symmetric, so its norms can exceed ρ(T); the rate over many steps is the "
             "largest modulus of the roots (§3.4)";
    }
  }
  // Without momentum the step is gradient descent: one root is 1 − ηλ, the other 0 (zz' = β = 0).
  if (beta == 0.0 && (std::isnan(got) || got == 0.0) && want != 0.0) {
    return why +
           ": with β = 0 there is no momentum and the step is gradient descent: the roots of "
           "z² − (1 − ηλ)z are 1 − ηλ and 0, so the radius is |1 − ηλ| = " +
           format_number(want, 6) +
           "; this one is the zero root, or a 0/0: is a root found by dividing by the other "
           "(z₂ = β/z₁ = 0/0 = NaN when z₁ = 0, a NaN that std::max or a comparison then drops)?";
  }
  if (std::isnan(got) && discriminant < 0.0) {
    why +=
        ": NaN where the discriminant (1 + β − ηλ)² − 4β < 0: the roots are complex there, and "
        "the modulus of complex roots is √β (z z̄ = β)";
    // The band's edges written (1 ∓ β)² for (1 ∓ √β)²: NaN between the two lower edges (or the
    // two upper ones), √β inside (1 − β)² < ηλ < (1 + β)².
    const double low = (1.0 - beta) * (1.0 - beta), high = (1.0 + beta) * (1.0 + beta);
    if (beta > 0.0 && beta < 1.0 && low < high) {
      const auto radius_at = [&](double eta_lambda) {
        return student_radius(eta_lambda / lambda, beta, lambda);
      };
      const double inside = radius_at(0.5 * (low + high)), below = radius_at(low * 0.999),
                   above = radius_at(high * 1.001);
      if (lambda > 0.0 && close(inside, std::sqrt(beta), 1e-9) &&
          (std::isnan(below) || std::isnan(above))) {
        why += ": it is √β from ηλ = (1 − β)² = " + format_number(low, 4) +
               " to (1 + β)² = " + format_number(high, 4) +
               " and NaN just outside them: are the band's edges written with β where §3.5 "
               "has √β? The discriminant vanishes at ηλ = (1 ∓ √β)², where the double root is "
               "±√β";
      }
    }
    return why;
  }
  // Real roots, negative sum: a root of a negative number, s used where |s| belongs.
  if (std::isnan(got) && sum < 0.0) {
    return why + ": NaN where the roots are real and negative (s = 1 + β − ηλ = " +
           format_number(sum, 4) +
           " < −2√β): a root of a negative number: is s used where |s| belongs, such as "
           "√(s² − 4β) factored as √(s − 2√β)·√(s + 2√β)? √(ab) = √a·√b only for a, b ≥ 0; the "
           "larger modulus, (|s| + √(s² − 4β))/2, depends on |s| alone";
  }
  // A double root (D = 0) at s = 0, β = 0 and ηλ = 1: the real-root form that divides by |s|
  // gives 0/0; the root is 0.
  if (std::isnan(got) && discriminant == 0.0 && sum == 0.0) {
    return why +
           ": NaN at the double root z = 0 (β = 0, ηλ = 1: s = 1 + β − ηλ = 0 = 2√β, gradient "
           "descent's exact step): is |s| divided by, as in |s|/2·(1 + √(1 − (2√β/|s|)²)), which "
           "is 0/0 there? At the band's edge the complex branch's √β and the real branch agree, "
           "so the edge can go with √β (≤), or the real root be written (|s| + √(s² − 4β))/2, "
           "which divides by nothing";
  }
  if (std::isnan(got) && discriminant >= 0.0) {
    why += ": NaN where the roots are real (D = s² − 4β = " + format_number(discriminant, 4) +
           " ≥ 0, s = 1 + β − ηλ): a root of a negative number, where every quantity under §3.4's "
           "roots, s² − 4β or 1 − 4β/s², is ≥ 0";
    // (|s|/2)(1 + √(1 − 4β/|s|)): (2√β/|s|)² written 4β/|s|, finite where 4β ≤ |s|.
    const auto squared_once = [](double e, double b, double l) {
      const double size = std::abs(1.0 + b - e * l);
      return size / 2.0 * (1.0 + std::sqrt(1.0 - 4.0 * b / size));
    };
    if (close(student_radius(0.1, 0.25, 1.0), squared_once(0.1, 0.25, 1.0), 1e-9) &&
        close(student_radius(0.1, 0.01, 2.0), squared_once(0.1, 0.01, 2.0), 1e-9)) {
      why +=
          ": where it is finite it is (|s|/2)(1 + √(1 − 4β/|s|)) (β = 0.25, ηλ = 0.1: " +
          format_number(student_radius(0.1, 0.25, 1.0), 6) + ", expected " +
          format_number(eigen_radius(0.1, 0.25, 1.0), 6) +
          "): is (2√β/|s|)² written 4β/|s|? The square of a quotient squares its denominator too, "
          "4β/s²";
    }
    return why;
  }
  if (std::isnan(got)) return why + ": NaN";
  if (discriminant < 0.0 &&
      close(got, std::max(std::abs(sum), std::sqrt(-discriminant)) / 2.0, 1e-6)) {
    // Where |Im z| > |Re z| (η = 1, β = 0.5, λ = 1: z = 0.25 ± 0.661i) it tells the larger part
    // from the real part alone.
    if (close(student_radius(1.0, 0.5, 1.0), std::sqrt(1.75) / 2.0, 1e-6)) {
      return why +
             ": the larger of the real and imaginary parts, max(|Re z|, |Im z|), not the "
             "modulus √(Re² + Im²): is the radius read from the entries of a real block form "
             "(EigenSolver's pseudoEigenvalueMatrix stores u ± iv as [u v; −v u], parts and not "
             "eigenvalues)? The modulus of complex roots is √β (z z̄ = β); eigenvalues() gives "
             "the complex roots themselves";
    }
  }
  // s = 0 exactly among complex roots: z² + β, roots ±i√β, taken for a double root at 0.
  if (discriminant < 0.0 && sum == 0.0 && got == 0.0 &&
      close(student_radius(0.5, 0.9, 1.0), std::sqrt(0.9), 1e-9)) {
    return why +
           ": at s = 1 + β − ηλ = 0 exactly the radius was 0, where elsewhere among complex roots "
           "(η = 0.5, β = 0.9, λ = 1) it is √β: is s = 0 taken for both roots 0 (a test of s = 0 "
           "before the test for complex roots)? At s = 0 the polynomial is z² + β, roots ±i√β, "
           "modulus √β; both roots are 0 only when β = 0 as well";
  }
  if (discriminant < 0.0 && close(got, std::abs(sum) / 2.0, 1e-6)) {
    return why +
           ": the radius of the real part only, |1 + β − ηλ|/2; the modulus of complex "
           "roots is √β (z z̄ = β)";
  }
  if (discriminant < 0.0) {
    // z = (s ± i√(−D))/2: a part not halved gives a modulus from (s/2, √(−D)) or (s, √(−D)/2).
    const double re = sum / 2.0, im = std::sqrt(-discriminant) / 2.0;
    if (close(got, std::hypot(re, 2.0 * im), 1e-9))
      return why +
             ": the modulus of (1 + β − ηλ)/2 ± i√(−D), the imaginary part not halved; both "
             "parts of z = (s ± i√(−D))/2 are halved, and then |z|² = zz̄ = β";
    if (close(got, std::hypot(re, -discriminant / 2.0), 1e-9))
      return why +
             ": the modulus of (1 + β − ηλ)/2 ± i(−D)/2, the imaginary part without its square "
             "root; the roots are z = (s ± i√(−D))/2, and then |z|² = zz̄ = β";
    if (close(got, std::hypot(2.0 * re, im), 1e-9))
      return why +
             ": the modulus of (1 + β − ηλ) ± i√(−D)/2, the real part not halved; both parts of "
             "z = (s ± i√(−D))/2 are halved, and then |z|² = zz̄ = β";
  }
  if (discriminant >= 0.0 && close(got, std::sqrt(beta), 1e-9) &&
      !close(want, std::sqrt(beta), 1e-9)) {
    return why +
           ": that is √β, the modulus of a complex pair, but here D = (1 + β − ηλ)² − 4β ≥ 0 "
           "and the roots are real" +
           (sum < 0.0 ? std::string(" and negative ((1 + √β)² ≤ ηλ < 2 + 2β, a band that only "
                                    "the discrete step has; the continuous ball has no such "
                                    "regime)")
                      : std::string()) +
           ": the radius is (|1 + β − ηλ| + √D)/2, which reaches 1 at ηλ = 2 + 2β" +
           // Right on the positive side (s ≥ 2√β): the regime test reads s with its sign.
           (sum < 0.0 && close(student_radius(0.01, 0.5, 1.0), eigen_radius(0.01, 0.5, 1.0), 1e-9)
                ? std::string(": right where s = 1 + β − ηλ ≥ 2√β (η = 0.01, β = 0.5, λ = 1) and "
                              "√β wherever s ≤ −2√β: is the test for complex roots s < 2√β, "
                              "with s's sign? They are complex when |s| < 2√β, s² < 4β")
                : std::string());
  }
  if (discriminant < 0.0 && close(got, beta, 1e-6)) {
    return why + ": that is |z|² = β; the modulus of complex roots is √β";
  }
  if (discriminant >= 0.0 && sum < 0.0 && close(got, (sum + std::sqrt(discriminant)) / 2.0, 1e-6)) {
    return why +
           ": the larger root, not the larger |z|: here both roots are negative, and the "
           "radius is (|1 + β − ηλ| + √((1 + β − ηλ)² − 4β))/2";
  }
  // The roots multiply to β, so the larger modulus is at least √β: a smaller radius is no root's.
  if (beta > 0.0 && got >= 0.0 && got < std::sqrt(beta) * (1.0 - 1e-9)) {
    why += ": below √β = " + format_number(std::sqrt(beta), 6) +
           ", which no pair of roots can be: z₁z₂ = β, so max|z| ≥ √β";
    if (discriminant == 0.0) {
      why +=
          "; here D = (1 + β − ηλ)² − 4β is 0 exactly, a double root z = (1 + β − ηλ)/2: is "
          "D = 0 left out of both branches (D < 0 and D > 0), so that the radius keeps its "
          "initial value? Both formulas give |1 + β − ηλ|/2 = √β there: let one branch take it";
    } else if (got == 0.0 && discriminant > 0.0) {
      why +=
          "; here the roots are real (D > 0) and the radius is 0 exactly: is the ½ of "
          "(|s| + √D)/2 written 1 / 2? Between two ints that is an integer division, 0 in C++; "
          "write 0.5 or divide by 2.0";
    }
    return why;
  }
  if (got < 0.0 && sum < 0.0 && close(got, -want, 1e-9)) {
    return why + ": −max|z|, the larger root with its sign: here s = 1 + β − ηλ = " +
           format_number(sum, 4) +
           " < 0 and both roots are negative; is s used where |s| belongs, s/2·(1 + √(1 − 4β/s²))? "
           "The radius is a modulus, (|s| + √(s² − 4β))/2, never negative";
  }
  if (got < 0.0) return why + ": a modulus is never negative";
  if (close(got, (std::abs(sum) + std::sqrt(sum * sum + 4.0 * beta)) / 2.0, 1e-6)) {
    return why +
           ": that is the larger root of z² − (1 + β − ηλ)z − β, whose discriminant "
           "(1 + β − ηλ)² + 4β is never negative: the product of the two roots is det T = +β, "
           "so the constant term is +β, and complex roots appear when (1 + β − ηλ)² < 4β";
  }
  if (discriminant >= 0.0 &&
      close(got, std::abs(sum) / 2.0 + std::sqrt(sum * sum / 4.0 - beta) / 2.0, 1e-9)) {
    return why +
           ": that is |s|/2 + √((s/2)² − β)/2 with s = 1 + β − ηλ: the reduced discriminant "
           "(s/2)² − β mixed with the full formula's halving. Either z = s/2 ± √((s/2)² − β), "
           "or z = (s ± √(s² − 4β))/2: one of the two, whole";
  }
  // The larger root without s² (the reference's form), its ratio r = 2√β/|s| left unsquared.
  if (const double r = 2.0 * std::sqrt(beta) / std::abs(sum);
      discriminant >= 0.0 && beta > 0.0 &&
      close(got, std::abs(sum) / 2.0 * (1.0 + std::sqrt(1.0 - r)), 1e-9)) {
    return why +
           ": that is |s|/2·(1 + √(1 − r)) with r = 2√β/|s|: the ratio is not squared; "
           "s² − 4β = s²(1 − r²), so the larger root is |s|/2·(1 + √(1 − r²)), and without the "
           "square every pair of real roots with β > 0 gets too small a radius";
  }
  // The reciprocal roots: the polynomial handed to a solver with its coefficients in reverse
  // order, βz² − sz + 1. At β = ½ its radius 1/min|z| = max|z|/β is twice max|z|; at
  // η = 0.5, β = 0.9, λ = 1 (complex roots) it is 1/√β, not 2√β.
  if (close(got, 1.0 / smaller_modulus(eta, beta, lambda), 1e-9) &&
      close(student_radius(0.5, 0.9, 1.0), 1.0 / std::sqrt(0.9), 1e-9)) {
    return why +
           ": that is 1/min|z|, the reciprocal of the smaller root's modulus (at η = 0.5, "
           "β = 0.9, λ = 1 it gives " +
           format_number(student_radius(0.5, 0.9, 1.0), 6) +
           " = 1/√β): the radius of βz² − sz + 1, the polynomial with its coefficients in "
           "reverse order, whose roots are the 1/z. Is the polynomial handed to a solver highest "
           "degree first? Eigen's PolynomialSolver (like numpy.polynomial) takes the coefficient "
           "of z⁰ first, (β, −s, 1) for z² − sz + β. A check: the two roots multiply to β, so a "
           "complex pair has modulus √β";
  }
  if (discriminant >= 0.0 && close(got, 2.0 * want, 1e-6)) {
    return why +
           ": twice max|z|: the roots of z² − (1 + β − ηλ)z + β are (s ± √(s² − 4β))/2; is the "
           "division by 2 missing?";
  }
  {
    // T with one row written wrong, its eigenvalues taken by a solver: the radius of that matrix.
    struct WrongT {
      Eigen::Matrix2d matrix;
      const char* what;
    };
    for (const WrongT& t :
         {WrongT{(Eigen::Matrix2d() << sum, -beta, 0.0, 1.0).finished(),
                 "its second row written (0, 1): it keeps e_{t−1} instead of moving e_t down, "
                 "so T has the eigenvalue 1 and the radius is never below 1; the second row of "
                 "(e_{t+1}, e_t) = T(e_t, e_{t−1}) is e_t = 1·e_t + 0·e_{t−1}, (1, 0)"},
          WrongT{(Eigen::Matrix2d() << sum, beta, 1.0, 0.0).finished(),
                 "its −β written +β: e_{t+1} = (1 + β − ηλ)e_t − βe_{t−1}, the momentum term "
                 "β(e_t − e_{t−1}) contributes −β to e_{t−1}'s entry"}}) {
      const double radius =
          Eigen::EigenSolver<Eigen::Matrix2d>(t.matrix).eigenvalues().cwiseAbs().maxCoeff();
      if (close(got, radius, 1e-9)) return why + ": that is the radius of T with " + t.what;
    }
  }
  {
    // The two moduli, combined otherwise than by their maximum.
    const std::complex<double> root_of_d = std::sqrt(std::complex<double>(discriminant, 0.0));
    const double a = std::abs((sum + root_of_d) / 2.0), b = std::abs((sum - root_of_d) / 2.0);
    const std::string largest =
        ": the spectral radius is the larger of the two moduli, max(|z₁|, |z₂|)";
    if (close(got, std::hypot(a, b), 1e-9))
      return why + ": that is √(|z₁|² + |z₂|²), the norm of the vector of the two roots" + largest;
    if (close(got, a + b, 1e-9))
      return why + ": that is |z₁| + |z₂|, the two moduli added" + largest;
    if (!close(a, b, 1e-9) && close(got, std::min(a, b), 1e-9))
      return why + ": that is the smaller modulus, min(|z₁|, |z₂|)" + largest;
  }
  if (const double squared = sum * sum - 4.0 * beta * beta;
      discriminant > 0.0 && squared >= 0.0 &&
      close(got, (std::abs(sum) + std::sqrt(squared)) / 2.0, 1e-9)) {
    return why +
           ": that is (|s| + √(s² − 4β²))/2, the larger root of z² − |s|z + β², whose roots "
           "multiply to β², not β: is √β written β somewhere, as in the ratio 2√β/|s| written "
           "2β/|s|? With D = s² − 4β, the radius is (|s| + √D)/2 = (|s|/2)(1 + √(1 − (2√β/|s|)²))";
  }
  if (discriminant < 0.0 && close(got, (std::abs(sum) + std::sqrt(-discriminant)) / 2.0, 1e-9)) {
    return why +
           ": that is (|s| + √|D|)/2 = |Re z| + |Im z|, the real and imaginary parts added (or "
           "the formula for real roots with |D| for D): here D < 0 and the roots "
           "z = (s ± i√(−D))/2 are complex; their modulus is √((Re z)² + (Im z)²) = √β "
           "(z z̄ = β)";
  }
  {
    // Nesterov's iteration on the same eigen-direction: z² − (1 + β)(1 − ηλ)z + β(1 − ηλ).
    const double q = 1.0 - eta * lambda;
    const std::complex<double> root_of_d =
        std::sqrt(std::complex<double>((1.0 + beta) * q * (1.0 + beta) * q - 4.0 * beta * q, 0.0));
    const double nesterov = std::max(std::abs(((1.0 + beta) * q + root_of_d) / 2.0),
                                     std::abs(((1.0 + beta) * q - root_of_d) / 2.0));
    if (close(got, nesterov, 1e-9)) {
      return why +
             ": that is the radius of Nesterov's iteration, the roots of z² − (1 + β)(1 − ηλ)z "
             "+ β(1 − ηλ) (§3.6); the heavy ball's polynomial is z² − (1 + β − ηλ)z + β";
    }
  }
  {
    // A symmetric eigensolver on T: it reads one triangle of a matrix that is not symmetric.
    const Eigen::Matrix2d T = heavy_ball_iteration_matrix({eta, beta}, lambda);
    for (const auto& [triangle, name] :
         {std::pair{Eigen::Matrix2d(T.selfadjointView<Eigen::Lower>()), "lower"},
          std::pair{Eigen::Matrix2d(T.selfadjointView<Eigen::Upper>()), "upper"}}) {
      const double symmetric = Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(triangle)
                                   .eigenvalues()
                                   .cwiseAbs()
                                   .maxCoeff();
      if (close(got, symmetric, 1e-9)) {
        return why + ": that is the radius of the symmetric matrix made of T's " + name +
               " triangle: SelfAdjointEigenSolver reads one triangle and assumes the rest, and T "
               "is not symmetric (its eigenvalues can be complex); EigenSolver, or the roots of "
               "the polynomial";
      }
    }
  }
  if (close(got, want * want, 1e-6)) return why + ": that is max|z|², not max|z|";
  if (close(got * got, want, 1e-6)) return why + ": that is √(max|z|), not max|z|";
  // In the complex band the modulus is √β whatever s: a radius that is √|s| there at β = 0.81
  // and ηλ = 0.5, 1 and 2.5 (s = 1.31, 0.81 and −0.69) takes the roots' sum for their product.
  if (discriminant < 0.0) {
    bool root_of_sum = true;
    for (const double e : {0.5, 1.0, 2.5}) {
      root_of_sum =
          root_of_sum && close(student_radius(e, 0.81, 1.0), std::sqrt(std::abs(1.81 - e)), 1e-9);
    }
    if (root_of_sum) {
      return why +
             ": that is √|s|, the root of the roots' sum s = 1 + β − ηλ (at β = 0.81 and "
             "ηλ = 1, s = 0.81 = β, and √|s| gives the 0.9 of §3.4's example); the modulus of a "
             "complex pair is the root of the roots' product, |z|² = z z̄ = β, so ρ = √β "
             "whatever s";
    }
  }
  // Right where one root is strictly the largest in modulus (real roots of different moduli),
  // wrong where two share it (a complex pair, a double root): the signature of an iteration of
  // T, whose stretch ‖Tv‖/‖v‖ settles only when one root dominates.
  if (discriminant <= 0.0 || close(std::abs(sum), 2.0 * std::sqrt(beta), 1e-6)) {
    bool right_on_real = true;
    for (const auto& [e, b, l] : real_root_points) {
      right_on_real = right_on_real && close(student_radius(e, b, l), eigen_radius(e, b, l), 1e-9);
    }
    if (right_on_real) {
      return why +
             ": the radius is right where the two roots are real with different moduli, and "
             "wrong here, where they share the largest (" +
             (discriminant < 0.0 ? "a complex pair z, z̄, both of modulus √β" : "a double root") +
             "): is it found by iterating T (power iteration, the stretch ‖Tᵏv‖/‖Tᵏ⁻¹v‖)? That "
             "settles only when one root is strictly the largest in modulus: a complex pair "
             "turns the vector at every step and the stretch never settles, and a double root "
             "converges like 1/k. ρ(T) is the largest |z| over the roots of "
             "z² − (1 + β − ηλ)z + β (§3.4)";
    }
  }
  if (const std::string above = radius_above_everywhere(); !above.empty() && got > want) {
    std::string said = why + above;
    // Gelfand's formula cut at k = 2^j: ‖Tᵏ‖_F^{1/k}.
    Eigen::Matrix2d power = T;
    for (int k = 1; k <= 4096; k *= 2, power = power * power) {
      if (close(got, std::pow(power.norm(), 1.0 / k), 1e-9)) {
        said += "; here it is ‖Tᵏ‖_F^{1/k} at k = " + std::to_string(k);
        break;
      }
    }
    return said;
  }
  // Vieta: real roots add to s and multiply to β. A radius whose partner |s| − ρ gives the
  // product kβ at every real-root point, k ≠ 1, is the larger root of z² − |s|z + kβ: its
  // discriminant is s² − 4kβ.
  if (discriminant >= 0.0 && beta > 0.0) {
    const auto product_ratio = [](double e, double b, double l, double radius) {
      return radius * (std::abs(1.0 + b - e * l) - radius) / b;
    };
    const double k = product_ratio(eta, beta, lambda, got);
    bool same = std::isfinite(k) && !close(k, 1.0, 1e-6);
    for (const auto& [e, b, l] : real_root_points) {
      same = same && close(product_ratio(e, b, l, student_radius(e, b, l)), k, 1e-6);
    }
    if (same) {
      why +=
          ": the roots of z² − sz + β add to s and multiply to β (det T); this ρ and its "
          "partner |s| − ρ multiply to " +
          format_number(k, 6) + "·β at every real-root point tried (" + real_root_points_text +
          "): ρ is the larger root of z² − |s|z + " + format_number(k, 6) +
          "·β, whose discriminant is s² − " +
          (close(4.0 * k, 1.0, 1e-6) ? std::string() : format_number(4.0 * k, 6) + "·") +
          "β, not s² − 4β";
      if (close(k, 0.25, 1e-6)) {
        why += ": is the 4 of s² − 4β dropped (or the 2 of r = 2√β/|s|)?";
      }
      return why;
    }
  }
  if (want >= 1.0 && got < 1.0) return why + ": a divergent step must give ρ ≥ 1";
  return why;
}

// β is a function of κ alone: the spectra [1, 100] and [2, 200] share it. The sentence when the
// student's nesterov_parameters gives them different β, "" otherwise.
std::string nesterov_beta_scale_dependence() {
  try {
    const double base = nesterov_parameters(1.0, 100.0).momentum;
    const double scaled = nesterov_parameters(2.0, 200.0).momentum;
    if (close(base, scaled, 1e-12)) return "";
    return ": β depends on the scale of the spectrum, not on κ = λₙ/λ₁ alone: [1, 100] gives β = " +
           format_number(base, 6) +
           " and [2, 200], the same κ = 100, β = " + format_number(scaled, 6) +
           "; a test with λ₁ = 1 cannot see a λ₁ left outside a root: is √κ written √λₙ/λ₁ where "
           "√(λₙ/λ₁) = √λₙ/√λ₁ was meant?";
  } catch (const std::exception&) {
    return "";
  }
}

// What `call` throws as std::invalid_argument, nothing when it returns.
template <class Call>
std::optional<std::string> refusal(Call call) {
  try {
    call();
  } catch (const std::invalid_argument& error) {
    return std::string(error.what());
  }
  return std::nullopt;
}

// Expects `call` to throw std::invalid_argument whose message contains `name` (and `value`, the
// value passed, when given); `what` says what was refused.
template <class Call>
void expect_refused(Call call, const std::string& name, const std::string& what,
                    const std::string& value = "") {
  // Refused with another exception: the check is there, its type is not the contract's.
  std::string other;
  try {
    call();
  } catch (const std::invalid_argument&) {
  } catch (const std::exception& error) {
    other = boost::core::demangle(typeid(error).name()) + " (\"" + error.what() + "\")";
  }
  if (!other.empty()) {
    BOOST_ERROR(what << " threw " << other << ", expected std::invalid_argument naming " << name
                     << ": the check is there, but bad input is refused with "
                        "std::invalid_argument, the type a caller catches it by (the "
                        "require_… functions of workbook/errors.hpp throw it)");
    return;
  }
  const std::optional<std::string> message = refusal(call);
  BOOST_TEST(message.has_value(), what << " was accepted: bad input is not refused (expected "
                                       << "std::invalid_argument naming " << name << ")");
  if (message) {
    BOOST_TEST(message->find(name) != std::string::npos,
               "the message \"" << *message << "\" does not name " << name);
    const std::string call = what.substr(
        what.rfind(": ") == std::string::npos ? 0 : what.rfind(": ") + 2);  // the call alone
    const std::string minus = value.starts_with("-") ? "−" + value.substr(1) : value;
    // An exponent with or without its leading zero: 1e-09 as a stream writes it, 1e-9.
    std::string short_exponent = value;
    if (const auto at = short_exponent.find("e-0"); at != std::string::npos)
      short_exponent.erase(at + 2, 1);
    // std::to_string's fixed six decimals print a small value as 0.000000.
    const bool six_decimals = message->find("0.000000") != std::string::npos;
    // A message with no number at all states the rule only; one with another number reports
    // something computed from the argument.
    const bool any_number =
        std::any_of(message->begin(), message->end(), [](char c) { return c >= '0' && c <= '9'; });
    BOOST_TEST(
        (value.empty() || message->find(value) != std::string::npos ||
         message->find(minus) != std::string::npos ||
         message->find(short_exponent) != std::string::npos),
        "the message \"" << *message << "\" does not give " << name << " = " << value
                         << ", the value passed (" << call << ")"
                         << (six_decimals
                                 ? ": the value is printed as 0.000000: std::to_string writes "
                                   "six decimals, which a small eigenvalue does not reach; "
                                   "format_number (workbook/format.hpp), or a stream, writes "
                                   "1e-09"
                             : any_number ? ": is the check run on a quantity computed from it "
                                            "(√λ, say) rather than on the argument itself? The "
                                            "caller knows the value it passed, not what the "
                                            "function made of it"
                                          : ": it states the rule but gives no value; say which "
                                            "value was refused, as in \"largest_eigenvalue = 5 is "
                                            "invalid: ...\", so that the caller sees what was "
                                            "passed"));
    // Where the message writes "name = number", the number is that argument's value: the two
    // values of a reversed spectrum swapped say that each is the other.
    if (const std::size_t equals = message->find(name + " = ");
        !value.empty() && equals != std::string::npos) {
      const std::string rest = message->substr(equals + name.size() + 3);
      std::size_t parsed = 0;
      double written = std::nan("");
      try {
        written = std::stod(rest, &parsed);
      } catch (const std::exception&) {
        parsed = 0;
      }
      const double passed = std::stod(value);
      BOOST_TEST((parsed == 0 || close(written, passed, 1e-5)),
                 "the message \"" << *message << "\" writes " << name << " = "
                                  << rest.substr(0, parsed) << ", but " << name << " is " << value
                                  << " (" << call
                                  << "): is the other argument's value printed after its name "
                                     "(the two values swapped)? Each name is followed by its own "
                                     "value");
    }
    // The argument at fault is the first one the message names: "smallest_eigenvalue = 10 is
    // invalid: expected ≤ largest_eigenvalue = 5" blames the wrong one of the two.
    const std::size_t at = message->find(name);
    for (const char* other :
         {"smallest_eigenvalue", "largest_eigenvalue", "learning_rate", "momentum"}) {
      const std::size_t other_at = message->find(other);
      if (name == other || name.find(other) != std::string::npos || at == std::string::npos ||
          other_at == std::string::npos)
        continue;
      BOOST_TEST(at < other_at, "the message \""
                                    << *message << "\" names " << other << " first, but the value "
                                    << "at fault is " << name << " (" << call
                                    << "): name the argument that is out of its range first");
    }
  }
}

// The largest of the student's radii at λ₁ and λₙ: the worst case over [λ₁, λₙ] (§3.5).
double worst_radius(const MomentumParams& p, double smallest, double largest) {
  return std::max(heavy_ball_spectral_radius(p, smallest), heavy_ball_spectral_radius(p, largest));
}

// The same worst case, judged by the library's radius (which calls no exercise).
double judged_worst(double eta, double beta, double smallest, double largest) {
  return std::max(spectral_radius(heavy_ball_iteration_matrix({eta, beta}, smallest)),
                  spectral_radius(heavy_ball_iteration_matrix({eta, beta}, largest)));
}

// The count §3.5 predicts: from rest, every eigen-component obeys |e_k| ≤ (1 + (1 + ρ)k) ρᵏ |e₀|
// when both roots have |z| ≤ ρ, so ‖x_k‖∞ ≤ `tolerance` by the smallest such k.
long predicted_count(double rho, double start, double tolerance) {
  long k = 0;
  while ((1.0 + (1.0 + rho) * double(k)) * std::pow(rho, double(k)) * start > tolerance) ++k;
  return k;
}

// How the student's η expands §3.5's square: 4/η written as a·λ₁ + b·λₙ + c·√(λ₁λₙ), the three
// coefficients solved from three spectra and checked on a fourth; "" when 4/η is not of that
// form, or is (√λ₁ + √λₙ)² = λ₁ + 2√(λ₁λₙ) + λₙ itself.
std::string how_the_square_is_expanded() {
  constexpr std::array<std::array<double, 2>, 4> spectra = {
      {{1.0, 4.0}, {1.0, 9.0}, {4.0, 9.0}, {2.0, 50.0}}};
  std::array<double, 4> four_over_eta{};
  try {
    for (std::size_t k = 0; k < spectra.size(); ++k)
      four_over_eta[k] = 4.0 / optimal_heavy_ball(spectra[k][0], spectra[k][1]).learning_rate;
  } catch (const std::exception&) {
    return "";
  }
  const auto row = [](const std::array<double, 2>& s) {
    return Eigen::RowVector3d(s[0], s[1], std::sqrt(s[0] * s[1]));
  };
  Eigen::Matrix3d A;
  Eigen::Vector3d b;
  for (Eigen::Index k = 0; k < 3; ++k) {
    A.row(k) = row(spectra[static_cast<std::size_t>(k)]);
    b(k) = four_over_eta[static_cast<std::size_t>(k)];
  }
  const Eigen::Vector3d c = A.fullPivLu().solve(b);
  if (!c.allFinite() || !close(row(spectra[3]).dot(c), four_over_eta[3], 1e-9)) return "";
  if (close(c(0), 1.0, 1e-9) && close(c(1), 1.0, 1e-9) && close(c(2), 2.0, 1e-9)) return "";
  std::string why = "4/η = " + format_number(c(0), 4) + "·λ₁ + " + format_number(c(1), 4) +
                    "·λₙ + " + format_number(c(2), 4) +
                    "·√(λ₁λₙ) on every spectrum tried, where §3.5 has (√λ₁ + √λₙ)² = λ₁ + "
                    "2√(λ₁λₙ) + λₙ";
  if (close(c(0), 1.0, 1e-9) && close(c(1), 1.0, 1e-9)) {
    why += std::abs(c(2)) < 1e-9
               ? ": the square of the sum written as the sum of the squares, without its cross "
                 "term 2√λ₁√λₙ"
               : ": the square of the sum expanded with a cross term " + format_number(c(2), 4) +
                     "·√(λ₁λₙ); in (a + b)² = a² + 2ab + b² the cross term is 2ab";
  }
  return why;
}

// The optimal heavy ball on [1, 100] scaled by 2, far from the ends of the range of doubles: ""
// when it gives (4/121)/2 and 81/121, else what it gives, and, when it is that, the formulas with
// a root of an eigenvalue written as the eigenvalue itself (equal where that eigenvalue is 1).
std::string scaled_without_overflow() {
  MomentumParams p;
  try {
    p = optimal_heavy_ball(2.0, 200.0);
  } catch (const std::exception&) {
    return "";
  }
  if (close(p.learning_rate, 2.0 / 121.0, 1e-12) && close(p.momentum, 81.0 / 121.0, 1e-12))
    return "";
  std::string why =
      "; already on [2, 200], far from the ends of the range of doubles, η = " +
      format_number(p.learning_rate, 6) + " and β = " + format_number(p.momentum, 6) +
      ", expected (4/121)/2 = " + format_number(2.0 / 121.0, 6) +
      " and 81/121 = " + format_number(81.0 / 121.0, 6) +
      ", as on [1, 100]: nothing overflows there; a formula that is right on [1, 100] "
      "and [1, 25] but not here holds only where λ₁ = 1, the notes' examples";
  // √λ₁ (or √λₙ) written λ₁ (λₙ) in both formulas.
  for (const bool smallest_unrooted : {true, false}) {
    const double low = smallest_unrooted ? 2.0 : std::sqrt(2.0);
    const double high = smallest_unrooted ? std::sqrt(200.0) : 200.0;
    const double rate = (high - low) / (high + low);
    if (close(p.learning_rate, 4.0 / ((low + high) * (low + high)), 1e-9) &&
        close(p.momentum, rate * rate, 1e-9)) {
      why += smallest_unrooted ? ": η and β are §3.5's with λ₁ where √λ₁ belongs (equal at λ₁ = 1)"
                               : ": η and β are §3.5's with λₙ where √λₙ belongs";
    }
  }
  return why + "; β depends on κ alone and η scales as 1/λ";
}

// What wrong tuned heavy-ball parameters for [λ₁, λₙ] say, from the two conditions of §3.5.
std::string diagnose_tuning(const MomentumParams& p, double smallest, double largest) {
  const double low = std::sqrt(smallest), high = std::sqrt(largest);
  const double rate = (high - low) / (high + low), eta = 4.0 / ((low + high) * (low + high));
  const double root = std::sqrt(p.momentum);
  std::string why = "on λ ∈ [" + format_number(smallest, 6) + ", " + format_number(largest, 6) +
                    "]: η = " + format_number(p.learning_rate, 6) +
                    ", β = " + format_number(p.momentum, 6) +
                    "; ηλ₁ = " + format_number(p.learning_rate * smallest, 6) +
                    " against (1 − √β)² = " + format_number((1.0 - root) * (1.0 - root), 6) +
                    ", ηλₙ = " + format_number(p.learning_rate * largest, 6) +
                    " against (1 + √β)² = " + format_number((1.0 + root) * (1.0 + root), 6);
  if (smallest == largest && close(p.learning_rate, 1.0 / smallest, 1e-12) &&
      p.momentum == MomentumParams{}.momentum && p.momentum != 0.0) {
    return why + ": η = 1/λ is right at κ = 1, but β = " + format_number(p.momentum) +
           " is MomentumParams's default: is κ = 1 a case of its own that sets η and never "
           "assigns β? The general formula gives β = ((√κ − 1)/(√κ + 1))² = 0 there, no special "
           "case needed";
  }
  // The two parameters in each other's places: MomentumParams{η, β} filled as {β, η}.
  if (smallest != largest && close(p.learning_rate, rate * rate, 1e-12) &&
      close(p.momentum, eta, 1e-12)) {
    return why + ": η is the β expected, " + format_number(rate * rate, 6) +
           ", and β the η expected, " + format_number(eta, 6) +
           ": the two are exchanged; MomentumParams takes the learning rate first, "
           "MomentumParams{η, β} (or name them: p.learning_rate = …, p.momentum = …)";
  }
  const std::string edit = testing::tuning_edit(optimal_heavy_ball, false);
  if (!edit.empty()) why += ": " + edit;
  if (!std::isfinite(p.learning_rate) || !std::isfinite(p.momentum)) {
    why += ": a parameter that is not a number, from a finite spectrum";
    if (smallest == largest) {
      why +=
          ": at κ = 1 the differences λₙ − λ₁ and √λₙ − √λ₁ are 0, and a formula that divides "
          "by one is 0/0 there; the optimum itself is finite at κ = 1 (β = 0, η = 1/λ): write "
          "η and β in a form without that division";
    }
    return why;
  }
  if (close(p.learning_rate * largest, 2.0 + 2.0 * p.momentum, 1e-9)) {
    return why +
           ": ηλₙ = 2 + 2β, λₙ put on the stability limit, where a root is −1 and the radius is "
           "1; the optimum puts λₙ on the upper edge of the under-damped band, ηλₙ = (1 + √β)², "
           "where both roots have modulus √β";
  }
  if (p.learning_rate * largest >= 2.0 + 2.0 * p.momentum) {
    why += ": ηλₙ ≥ 2 + 2β, the heavy ball diverges along λₙ";
  }
  if (close(p.momentum, rate, 1e-9)) return why + ": β = ρ, not ρ² — the rate is √β";
  if (close(p.learning_rate, std::sqrt(eta), 1e-9)) {
    return why + ": the square root of η; η = (2/(√λ₁ + √λₙ))² comes from squaring";
  }
  if (close(p.learning_rate, 1.0 / smallest, 1e-9) || close(p.learning_rate, 1.0 / largest, 1e-9)) {
    const bool from_smallest = close(p.learning_rate, 1.0 / smallest, 1e-9);
    why += from_smallest ? ": η = 1/λ₁ = 4/(2√λ₁)², η from one eigenvalue alone, as if "
                           "√λ₁ + √λₙ were 2√λ₁: is √λ₁ written where √λₙ belongs (a line "
                           "copied from the one above)?"
                         : ": η = 1/λₙ = 4/(2√λₙ)², η from one eigenvalue alone: Nesterov's "
                           "η = 1/L, or √λₙ written where √λ₁ belongs (a line copied from the "
                           "one below)?";
    if (!(p.momentum >= 0.0 && p.momentum < 1.0)) {
      why +=
          " β = " + format_number(p.momentum, 6) + " is not even a momentum: it is outside [0, 1).";
    }
    return why + " Both conditions fix η and β together, from both ends of the spectrum";
  }
  for (const auto& [factor, name] :
       {std::pair{0.5, "half"}, std::pair{2.0, "twice"}, std::pair{0.25, "a quarter of"}}) {
    if (close(p.learning_rate, factor * eta, 1e-9)) {
      why += ": η is " + std::string(name) +
             " the step that puts both ends on the band's edges with this β: a factor of 2 lost "
             "or gained where the two conditions are solved for η (a square of a quotient "
             "squares its numerator too)";
    }
  }
  // √β taken to be Nesterov's rate 1 − 1/√κ (§3.6). With η from the upper edge, ηλₙ = (1 + √β)²,
  // such a pair also satisfies ηλ₁ = (1 − β)² identically (1 − √β = 1/√κ), so this reading comes
  // before that one.
  if (smallest != largest && close(root, 1.0 - low / high, 1e-9)) {
    return why + ": √β = " + format_number(root, 6) +
           " = 1 − 1/√κ, the rate of Nesterov's method (§3.6), "
           "not the heavy ball's: §3.5's two conditions, solved together for η and √β, put λ₁ on "
           "the lower edge and λₙ on the upper one, and that fixes a faster rate";
  }
  // β where a condition has √β: ηλₙ = (1 + β)² or ηλ₁ = (1 − β)².
  if (close(p.learning_rate * largest, (1.0 + p.momentum) * (1.0 + p.momentum), 1e-9) ||
      close(p.learning_rate * smallest, (1.0 - p.momentum) * (1.0 - p.momentum), 1e-9)) {
    return why +
           ": η solves ηλₙ = (1 + β)² or ηλ₁ = (1 − β)², with β where §3.5's conditions have "
           "√β: the roots at the band's edges are ±√β, so the edges are (1 ± √β)²";
  }
  // The sum of the two conditions, η(λ₁ + λₙ) = (1 − √β)² + (1 + √β)² = 2 + 2β, with √β for β.
  if (p.momentum > 0.0 && !close(p.momentum, root, 1e-9) &&
      close(p.learning_rate, 2.0 * (1.0 + root) / (smallest + largest), 1e-9)) {
    return why +
           ": η = 2(1 + √β)/(λ₁ + λₙ), the rate √β where β belongs: adding the two conditions "
           "gives η(λ₁ + λₙ) = (1 − √β)² + (1 + √β)² = 2 + 2β, the cross terms cancel and the "
           "squares of √β add up to 2β; the rate √β and the momentum β are different numbers";
  }
  // A condition paired with the other end of the spectrum: the lower edge (1 − √β)² with λₙ,
  // or the upper edge (1 + √β)² with λ₁.
  if (smallest != largest && p.momentum > 0.0 && p.momentum < 1.0) {
    const bool lower_on_largest =
        close(p.learning_rate * largest, (1.0 - root) * (1.0 - root), 1e-9);
    const bool upper_on_smallest =
        close(p.learning_rate * smallest, (1.0 + root) * (1.0 + root), 1e-9);
    if (lower_on_largest || upper_on_smallest) {
      return why +
             (lower_on_largest ? ": ηλₙ = (1 − √β)²: η solves the lower edge's condition with λₙ"
                               : ": ηλ₁ = (1 + √β)²: η solves the upper edge's condition with λ₁") +
             "; the lower edge (1 − √β)² belongs to the smallest eigenvalue λ₁ and the upper "
             "edge (1 + √β)² to the largest λₙ, so that the whole spectrum lies in the band "
             "between them";
    }
  }
  // The right β and an η off by a factor the spectrum's symbols write.
  if (close(p.momentum, rate * rate, 1e-9) && !close(p.learning_rate, eta, 1e-9)) {
    const double kappa = largest / smallest;
    const std::string factor = testing::as_product(
        p.learning_rate / eta, {{"κ", kappa}, {"λ₁", smallest}, {"λₙ", largest}});
    if (!factor.empty() && factor.find("κ") != std::string::npos) {
      return why + ": β is right and η is " + factor +
             " times the step that puts both ends on the band's edges: written with κ = λₙ/λ₁, "
             "which eigenvalue stays outside? (√λ₁ + √λₙ)² = λ₁(1 + √κ)² = λₙ(1 + 1/√κ)²";
    }
    if (!factor.empty()) {
      return why + ": β is right and η is " + factor +
             " times the step that puts both ends on the band's edges: η is a quotient of "
             "eigenvalues' square roots only, and scaling the spectrum by c scales it by 1/c";
    }
    if (const std::string expanded = how_the_square_is_expanded(); !expanded.empty())
      return why + ": β is right and " + expanded;
  }
  if (close(p.learning_rate, 2.0 / (smallest + largest), 1e-9)) {
    why +=
        ": η = 2/(λ₁ + λₙ) is gradient descent's best step (Chapter 1); with momentum the two "
        "conditions fix η and β together";
  }
  if (close(root, (largest - smallest) / (largest + smallest), 1e-9)) {
    return why +
           ": √β = (κ − 1)/(κ + 1), gradient descent's rate; the heavy ball's is "
           "(√κ − 1)/(√κ + 1), with √κ";
  }
  // Which of §3.5's two conditions fails: the small end on the band's lower edge, the large end
  // on its upper edge.
  const bool low_edge = close(p.learning_rate * smallest, (1.0 - root) * (1.0 - root), 1e-6);
  const bool high_edge = close(p.learning_rate * largest, (1.0 + root) * (1.0 + root), 1e-6);
  if (low_edge && high_edge && p.momentum >= 1.0) {
    return why + ": both edge conditions hold, but with β = " + format_number(p.momentum, 6) +
           " ≥ 1, outside [0, 1): (1 − √β)² = ηλ₁ was solved with its other root, √β − 1 = "
           "√(ηλ₁), which puts √β above 1 and the small end on the edge from the other side; take "
           "1 − √β = √(ηλ₁), so that √β = (√λₙ − √λ₁)/(√λₙ + √λ₁) < 1";
  }
  if (low_edge && !high_edge) {
    return why +
           ": ηλ₁ = (1 − √β)² holds and ηλₙ = (1 + √β)² does not: λₙ is not on the "
           "band's upper edge";
  }
  if (high_edge && !low_edge) {
    return why +
           ": ηλₙ = (1 + √β)² holds and ηλ₁ = (1 − √β)² does not: λ₁ is not on the "
           "band's lower edge";
  }
  return why +
         ": neither ηλ₁ = (1 − √β)² nor ηλₙ = (1 + √β)² holds: the spectrum is not placed "
         "in the under-damped band edge to edge";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(momentum_tuning)

//! [radius]
BOOST_AUTO_TEST_CASE(
    the_spectral_radius_in_every_regime,
    *utf::description("§3.4: ρ(T) is the largest |z| over the roots of z² − (1 + β − ηλ)z + β, "
                      "as Eigen's eigenvalues of T give it, in every regime: real positive "
                      "roots (η = 0.01, β = 0.5: 0.97957), a double root (ηλ = 0.01, β = 0.81: "
                      "0.9), complex roots (modulus √β), real negative roots (ηλ = 2.95, "
                      "β = 0.5: 0.8851) and divergent steps (ηλ = 3.2, β = 0.5: 1.3217); at the "
                      "double roots of §3.5's tuned pair, 9/11; on a flat direction (λ = 0: "
                      "the roots 1 and β) and on negative curvature (η = 0.1, β = 0.5, λ = −1: "
                      "1.17417, above gradient descent's 1 − ηλ = 1.1)")) {
  struct Case {
    double eta, beta, lambda, expected;
  };
  const std::vector<Case> cases = {
      {0.01, 0.5, 1.0, 0.979574},       // real positive: (1.49 + √(1.49² − 2))/2
      {0.5, 0.9, 1.0, std::sqrt(0.9)},  // complex: √β
      {1.0, 0.5, 1.0, std::sqrt(0.5)},  // complex, ηλ = 1: roots ±i√β
      {2.95, 0.5, 1.0, 0.885078},       // real negative
      {3.2, 0.5, 1.0, 1.321699},        // divergent: roots −1.3217 and −0.37830
      {0.5, 0.0, 5.0, 1.5},             // β = 0: gradient descent's |1 − ηλ|
      {0.0001, 0.3, 100.0, 0.985625},   // real positive, ηλ = 0.01 < (1 − √0.3)²
      {0.1, 0.5, 0.0, 1.0},             // flat, λ = 0: roots 1 and β
      {0.1, 0.5, -1.0, 1.174166},       // negative curvature: (1.6 + √0.56)/2
  };
  for (const Case& c : cases) {
    const double want = eigen_radius(c.eta, c.beta, c.lambda);
    BOOST_TEST(want == c.expected, tt::tolerance(1e-5));
    // Valid input in every regime: a refusal is a range narrower than the contract's.
    const std::optional<std::string> refused = refusal([&] {
      heavy_ball_spectral_radius({c.eta, c.beta}, c.lambda);
    });
    BOOST_TEST_INFO("heavy_ball_spectral_radius with η = "
                    << c.eta << ", β = " << c.beta << ", λ = " << c.lambda
                    << " threw std::invalid_argument (\""
                    << refused.value_or("").substr(0, refused.value_or("").find('\n'))
                    << "\"): η > 0, β in [0, 1) and a finite λ are valid in every regime"
                    << (c.eta * c.lambda >= 2.0 + 2.0 * c.beta
                            ? "; where ηλ ≥ 2 + 2β (§3.4's divergent steps) the radius exists, "
                              "above 1, and it is what says that the heavy ball diverges: "
                              "return it rather than refuse"
                            : ""));
    BOOST_TEST(!refused.has_value());
    if (refused) continue;
    const double got = heavy_ball_spectral_radius({c.eta, c.beta}, c.lambda);
    BOOST_TEST_INFO(diagnose_radius(c.eta, c.beta, c.lambda, got, want));
    BOOST_TEST(got == want, tt::tolerance(1e-12));
  }
  // Along negative curvature momentum leaves faster than gradient descent, whose factor is
  // 1 − ηλ = 1.1 here.
  BOOST_TEST(eigen_radius(0.1, 0.5, -1.0) > 1.1);
  // A double root: the root is √β = 1 − √(ηλ); rounding moves it by about √ε ≈ 1e-8.
  const double at_double = heavy_ball_spectral_radius({0.01, 0.81}, 1.0);
  BOOST_TEST_INFO(diagnose_radius(0.01, 0.81, 1.0, at_double, 0.9));
  BOOST_TEST(at_double == 0.9, tt::tolerance(1e-7));
  // The tuned pair of [1, 100] has double roots at both ends, where the discriminant is 0 up to
  // rounding, of either sign.
  for (const double lambda : {1.0, 100.0}) {
    const double eta = 4.0 / 121.0, beta = 81.0 / 121.0;
    const double sum = 1.0 + beta - eta * lambda, discriminant = sum * sum - 4.0 * beta;
    const double got = heavy_ball_spectral_radius({eta, beta}, lambda);
    std::ostringstream why;
    why << "η = 4/121, β = 81/121 (§3.5's tuned pair of [1, 100]) at λ = " << lambda
        << ", a double root (the discriminant (1 + β − ηλ)² − 4β is " << discriminant
        << " here, 0 up to rounding): ρ = " << format_number(got, 10) << ", expected 9/11"
        << (std::isfinite(got)
                ? std::string()
                : std::string(": a discriminant just below 0 taken into the square root? Every "
                              "negative discriminant is a complex pair, |z| = √β, and the two "
                              "branches meet at 0: no tolerance is needed between them"));
    BOOST_TEST_INFO(why.str());
    BOOST_TEST(got == 9.0 / 11.0, tt::tolerance(1e-7));
  }

  // A sweep over ηλ ∈ (0, 4.4] and β ∈ [0, 0.95], every regime, against Eigen.
  for (int i = 1; i <= 88; ++i) {
    for (int j = 0; j <= 19; ++j) {
      const double eta = 0.05 * i, beta = 0.05 * j, lambda = 1.0;
      const double want = eigen_radius(eta, beta, lambda);
      const double got = heavy_ball_spectral_radius({eta, beta}, lambda);
      // Near a double root Eigen and the formula differ by about √ε.
      if (!close(got, want, 1e-6)) {
        BOOST_TEST_INFO(diagnose_radius(eta, beta, lambda, got, want));
        BOOST_TEST(got == want, tt::tolerance(1e-6));
        return;  // one diagnosis is enough
      }
    }
  }
}
//! [radius]

BOOST_AUTO_TEST_CASE(
    bad_input_is_refused,
    *utf::description("§3.4–§3.6: η ≤ 0, β outside [0, 1) and a λ that is not finite are "
                      "refused by the spectral radius (a finite λ is not, even where ηλ "
                      "overflows: the radius is then ∞, and finite below, 1e200 for λ = "
                      "1e200); λ₁ ≤ 0, λₙ < λ₁ (even by 2⁻⁴⁰) and "
                      "infinite eigenvalues by the tuning, equal ones too (0, −2 or ∞ twice); "
                      "each with std::invalid_argument "
                      "naming the value")) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::string radius = "the spectral radius does not validate its input: ";
  expect_refused(
      [] {
        heavy_ball_spectral_radius({0.0, 0.5}, 1.0);
      },
      "learning_rate", radius + "η = 0");
  expect_refused([] { heavy_ball_spectral_radius({0.1, 1.0}, 1.0); }, "momentum", radius + "β = 1");
  expect_refused(
      [] {
        heavy_ball_spectral_radius({0.1, -0.1}, 1.0);
      },
      "momentum", radius + "β = −0.1");
  expect_refused(
      [] {
        heavy_ball_spectral_radius({0.1, 0.5}, std::nan(""));
      },
      "eigenvalue", radius + "λ = NaN");
  // A check for NaN alone (std::isnan) lets infinity through.
  const bool nan_refused = refusal([] {
                             heavy_ball_spectral_radius({0.1, 0.5}, std::nan(""));
                           }).has_value();
  expect_refused(
      [=] {
        heavy_ball_spectral_radius({0.1, 0.5}, inf);
      },
      "eigenvalue",
      radius +
          (nan_refused ? "λ = NaN is refused, but infinity is not finite either (is the "
                         "check std::isnan alone? std::isfinite refuses both): "
                       : "") +
          "λ = inf");
  // A finite λ is valid even where ηλ overflows: the radius, about ηλ, is then ∞.
  const std::optional<std::string> overflowing = refusal([] {
    heavy_ball_spectral_radius({10.0, 0.5}, 1e308);
  });
  BOOST_TEST_INFO(
      "heavy_ball_spectral_radius with η = 10, β = 0.5, λ = 1e308 threw "
      "std::invalid_argument (\""
      << overflowing.value_or("").substr(0, overflowing.value_or("").find('\n'))
      << "\"): λ = 1e308 is finite, and only a λ that is not finite is refused; is "
         "the check run on ηλ (= ∞ here) instead of on λ? The radius is then ∞, "
         "which says what it must: the step diverges");
  BOOST_TEST(!overflowing.has_value());
  if (!overflowing) {
    const double rho = heavy_ball_spectral_radius({10.0, 0.5}, 1e308);
    BOOST_TEST_INFO(
        "η = 10, β = 0.5, λ = 1e308: ρ = "
        << rho << ", expected ∞ (the larger root is about ηλ = 1e309, beyond the doubles)"
        << (std::isnan(rho)
                ? ": ηλ overflows to ∞, so s = 1 + β − ηλ = −∞, and a NaN comes from ∞ − ∞, "
                  "∞/∞ or 0·∞ on the way: an eigen-solver meets them on T = [[s, −β], [1, 0]] "
                  "as it balances and rotates the matrix, and so does a root formula that "
                  "divides by s or subtracts s from s. Where ηλ is ∞ the radius is ∞, the step "
                  "diverges: say so before building T or solving"
                : ""));
    BOOST_TEST(rho == std::numeric_limits<double>::infinity());
  }
  // Below that, the radius is finite however large: η = 1, β = 0.5, λ = 1e200 gives the roots of
  // z² − sz + β with s = 1.5 − 1e200, the larger about |s| = 1e200 (s² overflows, s does not).
  if (const std::optional<std::string> large = refusal([] {
        heavy_ball_spectral_radius({1.0, 0.5}, 1e200);
      });
      !large) {
    const double rho = heavy_ball_spectral_radius({1.0, 0.5}, 1e200);
    BOOST_TEST_INFO("η = 1, β = 0.5, λ = 1e200: ρ = "
                    << rho << ", expected about |1 + β − ηλ| = 1e200, a double"
                    << (std::isinf(rho) || std::isnan(rho)
                            ? ": is the discriminant s² − 4β formed? s = 1 + β − ηλ is a double "
                              "up to 1.8e308, and s² overflows from |s| = 1.3e154; the larger "
                              "root can be had without s², as |s|/2·(1 + √(1 − 4β/s²))"
                            : ""));
    BOOST_TEST(rho == 1e200, tt::tolerance(1e-12));
  }
  // A check written the wrong way round refuses the valid spectrum and accepts the reversed one.
  // A chained `0 < λ₁ <= λₙ` reads as `(0 < λ₁) <= λₙ`: it refuses valid spectra with λₙ < 1.
  std::string tuning = "the tuning does not validate the spectrum: ";
  const auto refused_spectrum = [](double smallest, double largest) {
    std::optional<std::string> why = refusal([=] { optimal_heavy_ball(smallest, largest); });
    if (!why) why = refusal([=] { nesterov_parameters(smallest, largest); });
    return why;
  };
  if (const std::optional<std::string> valid = refused_spectrum(5.0, 10.0)) {
    tuning =
        "the spectrum check is the wrong way round: a valid spectrum λ₁ = 5 ≤ λₙ = 10 is "
        "refused (\"" +
        valid->substr(0, valid->find('\n')) + "\") while a reversed one is accepted: ";
  } else if (const std::optional<std::string> small = refused_spectrum(0.1, 0.5)) {
    tuning = "the spectrum check refuses the valid spectrum λ₁ = 0.1 ≤ λₙ = 0.5 (\"" +
             small->substr(0, small->find('\n')) +
             "\") and takes λ₁ = 5 ≤ λₙ = 10: is it a chained comparison, "
             "`0 < λ₁ <= λₙ`? C++ reads it as `(0 < λ₁) <= λₙ`, a bool (0 or 1) compared with λₙ; "
             "write `0 < λ₁ && λ₁ <= λₙ`: ";
  }
  expect_refused([] { optimal_heavy_ball(0.0, 100.0); }, "smallest_eigenvalue",
                 tuning + "optimal_heavy_ball(0, 100)");
  expect_refused([] { optimal_heavy_ball(10.0, 5.0); }, "largest_eigenvalue",
                 tuning + "optimal_heavy_ball(10, 5)", "5");
  expect_refused([=] { optimal_heavy_ball(1.0, inf); }, "largest_eigenvalue",
                 tuning + "optimal_heavy_ball(1, inf)");
  expect_refused([] { nesterov_parameters(-1.0, 100.0); }, "smallest_eigenvalue",
                 tuning + "nesterov_parameters(−1, 100)", "-1");
  expect_refused([] { nesterov_parameters(10.0, 5.0); }, "largest_eigenvalue",
                 tuning + "nesterov_parameters(10, 5)", "5");
  // A reversed spectrum of small eigenvalues: the message gives them as the caller wrote them.
  // Refused at (10, 5) and taken at (2e-9, 1e-9) or (2.5, 2.2): the order compared on integers,
  // where both truncate to the same whole number.
  const std::string whole_numbers =
      refused_spectrum(10.0, 5.0) && !refused_spectrum(2e-9, 1e-9) && !refused_spectrum(2.5, 2.2)
          ? "a reversed spectrum is refused at (10, 5) but taken at (2.5, 2.2) and (2e-9, 1e-9): "
            "is the order compared on whole numbers (require_at_least takes long integers, and a "
            "cast truncates 2.5 and 2.2 to 2, 2e-9 and 1e-9 to 0)? Compare the doubles "
            "themselves: "
          : "";
  expect_refused([] { optimal_heavy_ball(2e-9, 1e-9); }, "largest_eigenvalue",
                 tuning + whole_numbers + "optimal_heavy_ball(2e-9, 1e-9)", "1e-09");
  // Reversed by one part in 1e12 is reversed: a tolerance lets κ < 1 through, and β < 0 out.
  const double nearly = 1.0 - std::ldexp(1.0, -40);
  expect_refused([=] { nesterov_parameters(1.0, nearly); }, "largest_eigenvalue",
                 tuning +
                     "a spectrum reversed by 9e-13 relative (is λₙ < λ₁ compared with a "
                     "tolerance? κ < 1 gives β = (√κ − 1)/(√κ + 1) < 0, outside [0, 1)): "
                     "nesterov_parameters(1, 1 − 2⁻⁴⁰)");
  // Equal eigenvalues (κ = 1) are checked like any others: a κ = 1 case answered before the
  // check takes λ₁ = λₙ = 0, −2 or ∞ (η = 1/λ = ∞, −0.5 or 0).
  bool equal_taken = false;
  for (const double lambda : {0.0, -2.0, inf}) {
    equal_taken = equal_taken || !refusal([=] { optimal_heavy_ball(lambda, lambda); }) ||
                  !refusal([=] { nesterov_parameters(lambda, lambda); });
  }
  const std::string equal =
      tuning + (equal_taken && refused_spectrum(0.0, 100.0)
                    ? "a spectrum is refused at (0, 100) but taken when its two eigenvalues are "
                      "equal: is κ = 1 a case of its own, answered (η = 1/λ, β = 0) before the "
                      "spectrum is checked? Check first; the general formula needs no κ = 1 "
                      "case: "
                    : "");
  for (const double lambda : {0.0, -2.0, inf}) {
    const std::string value = format_number(lambda);
    expect_refused([=] { optimal_heavy_ball(lambda, lambda); }, "smallest_eigenvalue",
                   equal + "optimal_heavy_ball(" + value + ", " + value + ")");
    expect_refused([=] { nesterov_parameters(lambda, lambda); }, "smallest_eigenvalue",
                   equal + "nesterov_parameters(" + value + ", " + value + ")");
  }
}

//! [optimal]
BOOST_AUTO_TEST_CASE(
    the_optimal_heavy_ball_on_diag_1_100,
    *utf::description("§3.5: on λ ∈ [1, 100], η = 4/121 and β = 81/121 give ρ = 9/11 for every "
                      "λ; from (1, 1) on diag(1, 100), ‖x‖∞ ≤ 1e-6 takes 95 iterations against "
                      "691 for gradient descent's best step, a ratio of 7.3; the rates' ratio "
                      "ln(11/9)/ln(101/99) = 10.0 is √κ. On [1, 25]: η = 1/9, β = 4/9; with "
                      "κ = 1: β = 0, η = 1/λ; the spectrum scaled by c gives η/c and the same β, "
                      "for c = 1e155 and 1e-165 too; at κ = 1e24, η = (2/(1 + 10¹²))² to "
                      "1e-13, and on [1e-160, 1e160], where κ is not a double, η = 4e-160")) {
  const MomentumParams best = optimal_heavy_ball(1.0, 100.0);
  const std::string why = diagnose_tuning(best, 1.0, 100.0);
  BOOST_TEST_INFO(why);
  BOOST_TEST(best.learning_rate == 4.0 / 121.0, tt::tolerance(1e-14));
  BOOST_TEST_INFO(why);
  BOOST_TEST(best.momentum == 81.0 / 121.0, tt::tolerance(1e-14));
  for (double lambda : {1.0, 2.0, 10.0, 50.0, 100.0}) {
    const double rho = spectral_radius(
        testing::measured_heavy_ball_matrix(best.learning_rate, best.momentum, lambda));
    BOOST_TEST_INFO("λ = " << lambda << ": ρ(T) = " << rho << ", expected 9/11 = " << 9.0 / 11.0
                           << "; " << why);
    BOOST_TEST(rho == 9.0 / 11.0, tt::tolerance(1e-7));  // double roots at λ = 1 and 100
  }

  const Quadratic q = Quadratic::diagonal(Vector{{1.0, 100.0}});
  const Vector x0{{1.0, 1.0}};
  auto ball = heavy_ball_rule(best);
  auto gd = gradient_descent_rule({2.0 / 101.0});  // Chapter 1's best fixed step
  const Result heavy = testing::run_to_tolerance(q, ball, x0, 1e-6, 10000);
  const Result plain = testing::run_to_tolerance(q, gd, x0, 1e-6, 10000);
  BOOST_TEST_MESSAGE("heavy ball: " << heavy.iterations << ", gradient descent: "
                                    << plain.iterations << " iterations to |x|_inf <= 1e-6");
  BOOST_TEST_INFO("heavy ball: " << heavy.message);
  BOOST_TEST(heavy.iterations == 95);
  BOOST_TEST(plain.iterations == 691);
  const double ratio = double(plain.iterations) / double(heavy.iterations);
  BOOST_TEST(ratio == 7.27, tt::tolerance(0.01));
  BOOST_TEST(std::log(11.0 / 9.0) / std::log(101.0 / 99.0) == 10.0, tt::tolerance(0.005));

  const MomentumParams lessard = optimal_heavy_ball(1.0, 25.0);  // §3.5's counterexample
  BOOST_TEST_INFO(diagnose_tuning(lessard, 1.0, 25.0));
  BOOST_TEST(lessard.learning_rate == 1.0 / 9.0, tt::tolerance(1e-14));
  BOOST_TEST_INFO(diagnose_tuning(lessard, 1.0, 25.0));
  BOOST_TEST(lessard.momentum == 4.0 / 9.0, tt::tolerance(1e-14));
  // The spectrum scaled by c: η scales as 1/c and β not at all, at either end of the range of
  // doubles (λ₁λₙ overflows for [1e155, 1e157] and underflows for [1e-165, 1e-163]).
  const std::string moderate_scale = scaled_without_overflow();
  for (const double c : {1e155, 1e-165}) {
    const MomentumParams scaled = optimal_heavy_ball(c, 100.0 * c);
    const double eta_times_c = scaled.learning_rate * c;
    const bool in_range = std::isfinite(eta_times_c) && scaled.learning_rate > 0.0 &&
                          std::abs(eta_times_c - 4.0 / 121.0) < 1e-12;
    std::ostringstream why;
    why << "on λ ∈ [" << c << ", " << 100.0 * c << "] (κ = 100, [1, 100] scaled by " << c
        << "): η = " << scaled.learning_rate << ", β = " << scaled.momentum
        << "; expected η = (4/121)/" << c
        << " and β = 81/121: η scales as 1/λ and β depends on κ alone (§3.5)"
        << (in_range ? ""
            : scaled.momentum == 0.0
                ? "; β = 0 is the pair of κ = 1, though κ = 100 here: is κ = 1 decided by an "
                  "absolute test, such as λₙ − λ₁ below a tolerance, which every spectrum of "
                  "tiny eigenvalues passes? κ is the ratio λₙ/λ₁; and the formulas of §3.5 "
                  "give κ = 1's pair by themselves, with no case of its own"
            : close(scaled.learning_rate, 4.0 / 121.0, 1e-9)
                ? "; η is the η of [1, 100] itself: it does not scale with the spectrum, as if it "
                  "depended on κ alone; β does, but η is a step size with the units of 1/λ: "
                  "η = 4/(√λ₁ + √λₙ)² = 4/(λ₁(1 + √κ)²). Is it written with κ only, λ₁ left out "
                  "(a formula worked out with λ₁ = 1)?"
            : !moderate_scale.empty()
                ? moderate_scale
                : "; does an intermediate result overflow or underflow, a product λ₁λₙ or a "
                  "square of a large sum? (2/(√λ₁ + √λₙ))² stays in range wherever λ₁ and λₙ "
                  "are");
    BOOST_TEST_INFO(why.str());
    BOOST_TEST(eta_times_c == 4.0 / 121.0, tt::tolerance(1e-13));
    BOOST_TEST_INFO(why.str());
    BOOST_TEST(scaled.momentum == 81.0 / 121.0, tt::tolerance(1e-13));
  }

  // A condition number of 1e24: (√κ − 1)/(√κ + 1) = 1 − 2e-12 is close to 1, and η computed
  // from 1 − √β loses about ε/2e-12 = 1e-4 of its digits; (2/(√λ₁ + √λₙ))² loses none.
  {
    const MomentumParams stiff = optimal_heavy_ball(1.0, 1e24);
    const double eta = 4.0 / ((1.0 + 1e12) * (1.0 + 1e12));
    const double off = std::abs(stiff.learning_rate / eta - 1.0);
    std::ostringstream why;
    why << "on λ ∈ [1, 1e24] (κ = 1e24): η = " << format_number(stiff.learning_rate, 17)
        << ", expected (2/(1 + 1e12))² = " << format_number(eta, 17) << ", off by "
        << format_number(off, 3) << " of itself"
        << (off > 1e-13 && off < 1e-2
                ? ": is η computed from 1 − √β, or 1 − β, which cancel when β is close to 1 (at "
                  "κ = 1e24, √β = 1 − 2e-12 keeps only 4 significant digits of 1 − √β)? "
                  "η = (2/(√λ₁ + √λₙ))² has no difference of nearly equal numbers"
                : "");
    BOOST_TEST_INFO(why.str());
    BOOST_TEST(stiff.learning_rate == eta, tt::tolerance(1e-13));
  }

  // A spectrum 1e320 wide: κ = λₙ/λ₁ is not a double, but √λ₁ and √λₙ are; η = 4e-160 and β
  // rounds to 1.
  {
    // A valid spectrum: a refusal here is a check on the result (β < 1, a user's choice of β) or
    // on an intermediate, not on the input.
    const std::optional<std::string> refused_wide =
        refusal([] { optimal_heavy_ball(1e-160, 1e160); });
    BOOST_TEST_INFO("optimal_heavy_ball(1e-160, 1e160) threw std::invalid_argument (\""
                    << refused_wide.value_or("").substr(0, refused_wide.value_or("").find('\n'))
                    << "\") on a valid spectrum, 0 < λ₁ ≤ λₙ finite: here √κ = 1e160 and "
                       "β = ((√κ − 1)/(√κ + 1))² rounds to 1, the edge of the stable region; is "
                       "the tuned pair checked like a user's choice (MomentumParams::validate, "
                       "β < 1), or an intermediate such as κ = λₙ/λ₁ = 1e320, which is not a "
                       "double? Only the input is checked");
    BOOST_TEST(!refused_wide.has_value());
    if (!refused_wide) {
      const MomentumParams wide = optimal_heavy_ball(1e-160, 1e160);
      std::ostringstream why;
      why << "on λ ∈ [1e-160, 1e160]: η = " << wide.learning_rate << ", β = " << wide.momentum
          << ", expected η = (2/(1e-80 + 1e80))² = 4e-160 and β = ((√κ − 1)/(√κ + 1))², 1 to "
             "double precision"
          << (std::isfinite(wide.momentum) && std::isfinite(wide.learning_rate)
                  ? ""
                  : ": an intermediate that is not a double, such as κ = λₙ/λ₁ = 1e320? √λ₁ and "
                    "√λₙ are, and so is (√λₙ − √λ₁)/(√λₙ + √λ₁)");
      BOOST_TEST_INFO(why.str());
      BOOST_TEST(wide.learning_rate == 4e-160, tt::tolerance(1e-13));
      BOOST_TEST_INFO(why.str());
      BOOST_TEST(wide.momentum == 1.0, tt::tolerance(1e-15));
    }
  }

  // κ = 1: no momentum, and η = 1/λ lands on the minimiser in one step.
  const std::optional<std::string> refused = refusal([] { optimal_heavy_ball(4.0, 4.0); });
  BOOST_TEST_INFO("κ = 1 (λ₁ = λₙ = 4) was refused (\""
                  << refused.value_or("").substr(0, refused.value_or("").find('\n'))
                  << "\"): equal eigenvalues are a valid spectrum, only λₙ < λ₁ is not; is the "
                     "check λₙ ≤ λ₁ where λₙ < λ₁ belongs?");
  BOOST_TEST(!refused.has_value());
  if (refused) return;
  const MomentumParams single = optimal_heavy_ball(4.0, 4.0);
  BOOST_TEST_INFO("κ = 1: " << diagnose_tuning(single, 4.0, 4.0));
  BOOST_TEST(single.momentum == 0.0, tt::tolerance(1e-15));
  BOOST_TEST_INFO("κ = 1: " << diagnose_tuning(single, 4.0, 4.0));
  BOOST_TEST(single.learning_rate == 0.25, tt::tolerance(1e-15));
  // β = 0 exactly wherever κ = 1, and tiny, but right, near it: at κ = 1 + 2⁻³⁰,
  // β = ((λₙ − λ₁)/(√λ₁ + √λₙ)²)² ≈ 2⁻⁶⁴ ≈ 5.4e-20 (√λ's rounding leaves it right to about 5e-7).
  for (const double lambda : {3.0, 0.7, 1e-3, 12345.6}) {
    const double beta = optimal_heavy_ball(lambda, lambda).momentum;
    BOOST_TEST_INFO("κ = 1 (λ₁ = λₙ = "
                    << format_number(lambda) << "): β = " << beta << ", expected 0 exactly"
                    << (beta == 0.0 ? ""
                                    : ": is β a difference such as 1 − η√(λ₁λₙ), "
                                      "which leaves rounding's ±1e-16 (negative, "
                                      "and refused by MomentumParams, for some "
                                      "λ)? ((√λₙ − √λ₁)/(√λₙ + √λ₁))² is 0 "
                                      "exactly at κ = 1"));
    BOOST_TEST(beta == 0.0);
  }
  {
    const double low = 1.0, high = 1.0 + std::ldexp(1.0, -30);
    const double rate = (high - low) / ((std::sqrt(low) + std::sqrt(high)) *
                                        (std::sqrt(low) + std::sqrt(high)));  // exact difference
    const double beta = optimal_heavy_ball(low, high).momentum;
    BOOST_TEST_INFO("κ = 1 + 2⁻³⁰: β = "
                    << format_number(beta, 6) << ", expected " << format_number(rate * rate, 6)
                    << (std::abs(beta) > 1e-18 ? ": rounding's noise instead of a tiny β: is β "
                                                 "a difference of nearly equal numbers, such "
                                                 "as 1 − η√(λ₁λₙ), which near κ = 1 keeps "
                                                 "none of β's digits? ((√λₙ − √λ₁)/(√λₙ + "
                                                 "√λ₁))² keeps them"
                                               : ""));
    BOOST_TEST(beta == rate * rate, tt::tolerance(1e-6));
  }
  Vector x{{3.0, -1.0}};
  MomentumState state;
  state.start(x);
  workbook::heavy_ball_step(x, 4.0 * x, state, single);  // f = 2‖x‖², ∇f = 4x
  BOOST_TEST_INFO("κ = 1: one step from (3, −1) on f = 2‖x‖² lands on " << format_vector(x));
  BOOST_TEST(testing::infinity_norm(x) <= 1e-15);
}
//! [optimal]

BOOST_AUTO_TEST_CASE(
    a_double_root_costs_a_factor_k,
    *utf::description("§3.5: at the extreme eigenvalues the optimal heavy ball has a double "
                      "root ±9/11, so the error behaves like k(9/11)ᵏ, not (9/11)ᵏ: "
                      "‖x_k‖∞/(k(9/11)ᵏ) is nearly constant (1.838, 1.828, 1.823 at k = 50, "
                      "100, 200)")) {
  const Quadratic q = Quadratic::diagonal(Vector{{1.0, 100.0}});
  const MomentumParams best = optimal_heavy_ball(1.0, 100.0);
  auto ball = heavy_ball_rule(best);
  TraceRecorder trace;
  const Result result = testing::run_steps(q, ball, Vector{{1.0, 1.0}}, 200, &trace);
  BOOST_TEST_INFO(result.message);
  BOOST_TEST_REQUIRE(trace.points().size() == 201u);
  const double rho = 9.0 / 11.0;
  auto scaled = [&](int k) {
    return testing::infinity_norm(trace.points()[std::size_t(k)].x) / (k * std::pow(rho, k));
  };
  const std::string why = diagnose_tuning(best, 1.0, 100.0);
  for (const auto& [k, expected] : {std::pair{50, 1.838}, {100, 1.828}, {200, 1.823}}) {
    BOOST_TEST_INFO("‖x_" << k << "‖∞/(k(9/11)ᵏ) = " << scaled(k) << ", expected " << expected
                          << "; " << why);
    BOOST_TEST(scaled(k) == expected, tt::tolerance(1e-3));
  }
}

//! [within the count]
BOOST_AUTO_TEST_CASE(
    reaches_the_tolerance_within_the_square_root_count,
    *utf::description("§3.5: with both roots of every eigen-direction at |z| ≤ ρ = (√κ − 1)/"
                      "(√κ + 1), from rest |e_k| ≤ (1 + (1 + ρ)k)ρᵏ|e₀|; the tuned heavy ball "
                      "reaches ‖x‖∞ ≤ 1e-6 within the count this predicts, about "
                      "(√κ/2)ln(1/ε), on three spectra: diag(1, 100) (95 of 95), "
                      "diag(0.02, 0.3, 1.1, 2) (κ = 100: 95 of 95) and diag(5, 60, 700, 5000) "
                      "(κ = 1000: 321 of 321)")) {
  const std::vector<Vector> spectra = {Vector{{1.0, 100.0}}, Vector{{0.02, 0.3, 1.1, 2.0}},
                                       Vector{{5.0, 60.0, 700.0, 5000.0}}};
  for (const Vector& lambda : spectra) {
    const double smallest = lambda.minCoeff(), largest = lambda.maxCoeff();
    const MomentumParams tuned = optimal_heavy_ball(smallest, largest);
    const double rho = optimal_heavy_ball_rate(smallest, largest);
    const long budget = predicted_count(rho, 1.0, 1e-6);
    const Quadratic q = Quadratic::diagonal(lambda);
    auto ball = heavy_ball_rule(tuned);
    const Result run =
        testing::run_to_tolerance(q, ball, Vector::Ones(lambda.size()), 1e-6, 4 * budget);
    BOOST_TEST_MESSAGE("λ ∈ [" << smallest << ", " << largest << "]: " << run.iterations
                               << " iterations, predicted at most " << budget);
    BOOST_TEST_INFO("λ ∈ [" << smallest << ", " << largest << "], κ = " << largest / smallest
                            << ": " << run.iterations << " iterations to ‖x‖∞ ≤ 1e-6 ("
                            << run.message << "), predicted at most " << budget << " by ρ = " << rho
                            << "; " << diagnose_tuning(tuned, smallest, largest));
    BOOST_TEST(run.iterations <= budget);
    // The component along λₙ, a double root −ρ, is the bound's extreme case: no fewer.
    BOOST_TEST(run.iterations == budget);
  }
}
//! [within the count]

BOOST_AUTO_TEST_CASE(
    no_parameters_have_a_smaller_worst_case_radius,
    *utf::description("§3.5: on λ ∈ [1, 100] and on [2, 5000], no (η, β) of a 300 × 300 grid "
                      "over η ∈ (0, 2η*], β ∈ [0, 1) has a smaller largest spectral radius over "
                      "the interval than the tuned (η*, β*); the tuned one's is the same at "
                      "both ends")) {
  for (const auto& [smallest, largest] : {std::pair{1.0, 100.0}, {2.0, 5000.0}}) {
    const MomentumParams tuned = optimal_heavy_ball(smallest, largest);
    const double eta_star = tuned.learning_rate;
    const double tuned_worst = judged_worst(tuned.learning_rate, tuned.momentum, smallest, largest);
    double best = std::numeric_limits<double>::infinity(), best_eta = 0.0, best_beta = 0.0;
    for (int i = 1; i <= 300; ++i) {
      for (int j = 0; j < 300; ++j) {
        const double eta = 2.0 * eta_star * i / 300.0, beta = j / 300.0;
        const double worst = judged_worst(eta, beta, smallest, largest);
        if (worst < best) {
          best = worst;
          best_eta = eta;
          best_beta = beta;
        }
      }
    }
    BOOST_TEST_INFO("λ ∈ [" << smallest << ", " << largest << "]: the tuned (η, β) = ("
                            << tuned.learning_rate << ", " << tuned.momentum
                            << ") has the worst radius " << tuned_worst << ", the grid's ("
                            << best_eta << ", " << best_beta << ") " << best << "; "
                            << diagnose_tuning(tuned, smallest, largest));
    BOOST_TEST(tuned_worst <= best + 1e-7);  // a double root: about √ε
    const double at_low = spectral_radius(heavy_ball_iteration_matrix(tuned, smallest));
    const double at_high = spectral_radius(heavy_ball_iteration_matrix(tuned, largest));
    BOOST_TEST_INFO("ρ(λ₁) = " << at_low << ", ρ(λₙ) = " << at_high
                               << ": the optimum balances the two ends");
    BOOST_TEST(at_low == at_high, tt::tolerance(1e-7));
  }
}

//! [nesterov]
BOOST_AUTO_TEST_CASE(
    nesterov_parameters_reach_the_tolerance_within_the_count,
    *utf::description("§3.6: on ℓ = 1, L = 100, η = 1/L = 0.01 and β = (√κ − 1)/(√κ + 1) = "
                      "9/11; on diag(1, 10⁴) Nesterov reaches ‖x‖∞ ≤ 1e-6 within the count "
                      "(1 + (1 + ρ)k)ρᵏ ≤ 1e-6 predicts for ρ = 1 − 1/√κ = 0.99 (1660 of 2210), "
                      "and on the softplus bowl (ℓ = 1, L = 100, n = 6), not a quadratic, "
                      "f − f* ≤ 1e-10 within the count of its theorem, (1 − 1/√κ)ᵏ(f(x₀) − f* + "
                      "ℓ/2‖x₀ − x*‖²) ≤ 1e-10 (108 of 285); at κ = 1, η = 1/L and β = 0; at "
                      "κ = 10⁶ and 10²⁴, β = 999/1001 and 1 − 2·10⁻¹² to 1e-13")) {
  const MomentumParams p = nesterov_parameters(1.0, 100.0);
  const std::string values =
      "nesterov_parameters(1, 100): η = " + format_number(p.learning_rate, 6) +
      ", β = " + format_number(p.momentum, 6);
  std::string why = values;
  const std::string edit = testing::tuning_edit(nesterov_parameters, true);
  if (!edit.empty()) why += ": " + edit;
  if (close(p.learning_rate, 1.0, 1e-9)) why += ": η = 1/ℓ, from λ₁ alone; the step is 1/L";
  if (close(p.momentum, 81.0 / 121.0, 1e-9)) {
    why += ": β = ((√κ − 1)/(√κ + 1))² is the heavy ball's; Nesterov's is (√κ − 1)/(√κ + 1)";
  }
  if (close(p.momentum, 0.9, 1e-9)) {
    why += ": β = 1 − 1/√κ is Nesterov's rate (§3.6's bound), not its momentum";
  }
  if (why == values && close(p.learning_rate, 0.01, 1e-9) && std::isfinite(p.momentum) &&
      !close(p.momentum, 9.0 / 11.0, 1e-9)) {
    // §3.6's choice of β: at λ = ℓ, where 1 − ηℓ = 1 − 1/κ, the characteristic polynomial
    // z² − (1 + β)(1 − ηℓ)z + β(1 − ηℓ) is (z − r)², with r = 1 − 1/√κ = 0.9.
    const double shrink = 1.0 - p.learning_rate;  // 1 − ηℓ with ℓ = 1
    const double sum = (1.0 + p.momentum) * shrink, product = p.momentum * shrink;
    const double discriminant = sum * sum - 4.0 * product;
    const std::string roots =
        discriminant >= 0.0
            ? "the roots " + format_number((sum + std::sqrt(discriminant)) / 2.0, 4) + " and " +
                  format_number((sum - std::sqrt(discriminant)) / 2.0, 4)
            : "a complex pair of modulus " + format_number(std::sqrt(product), 4);
    why +=
        ": at λ = ℓ, where 1 − ηℓ = 1 − 1/κ = 0.99, Nesterov's characteristic polynomial "
        "z² − (1 + β)(1 − ηℓ)z + β(1 − ηℓ) has " +
        roots +
        ", not the double root r = 1 − 1/√κ = 0.9 of (z − r)² that §3.6 tunes the flattest "
        "direction to (critically damped)";
    if (close(p.momentum, 0.81, 1e-9)) {
      why +=
          "; β = r² = 0.81 takes β itself for the constant term of (z − r)², but the "
          "constant term is β(1 − ηℓ): β(1 − 1/κ) = r² (and (1 + β)(1 − 1/κ) = 2r) is the "
          "condition on β";
    }
  } else if (why == values && !close(p.learning_rate, 0.01, 1e-9) &&
             !close(p.momentum, 9.0 / 11.0, 1e-9)) {
    why +=
        ", neither §3.6's η = 1/L = 0.01 nor β = (√κ − 1)/(√κ + 1) = 0.818: a tuning other than "
        "§3.6's? The exercise is the constant-momentum scheme whose rate 1 − 1/√κ §3.6 proves "
        "for every L-smooth, ℓ-strongly convex f; other published tunings (for quadratics "
        "alone, say) are other schemes";
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(p.learning_rate == 0.01, tt::tolerance(1e-14));
  BOOST_TEST_INFO(why);
  BOOST_TEST(p.momentum == 9.0 / 11.0, tt::tolerance(1e-14));

  // κ = 1 (ℓ = L): 1 − ηℓ = 0, and both of §3.6's conditions read 0 = 0; (√κ − 1)/(√κ + 1) is 0
  // there: gradient descent with η = 1/L.
  for (const double lambda : {4.0, 0.7}) {
    const std::optional<std::string> refused =
        refusal([=] { nesterov_parameters(lambda, lambda); });
    BOOST_TEST_INFO("κ = 1 (ℓ = L = "
                    << lambda << ") was refused (\""
                    << refused.value_or("").substr(0, refused.value_or("").find('\n'))
                    << "\"): equal eigenvalues are a valid spectrum");
    BOOST_TEST(!refused.has_value());
    if (refused) break;
    const MomentumParams one = nesterov_parameters(lambda, lambda);
    const std::string at_one =
        "nesterov_parameters(" + format_number(lambda) + ", " + format_number(lambda) +
        "): η = " + format_number(one.learning_rate, 6) +
        ", β = " + format_number(one.momentum, 6) +
        ", expected η = 1/L = " + format_number(1.0 / lambda) +
        " and β = (√κ − 1)/(√κ + 1) = 0 at κ = 1" +
        (std::isfinite(one.momentum)
             ? nesterov_beta_scale_dependence()
             : std::string(": at κ = 1 the conditions (1 + β)(1 − 1/κ) = 2r and β(1 − 1/κ) = r² "
                           "read 0 = 0, and a β solved from one of them, such as "
                           "r²/(1 − 1/κ), is 0/0 there; (√κ − 1)/(√κ + 1) is the same β for "
                           "κ > 1 and 0 at κ = 1, no division by 1 − 1/κ"));
    BOOST_TEST_INFO(at_one);
    BOOST_TEST(one.momentum == 0.0, tt::tolerance(1e-15));
    BOOST_TEST_INFO(at_one);
    BOOST_TEST(one.learning_rate == 1.0 / lambda, tt::tolerance(1e-15));
  }

  // Ill-conditioned spectra: β = (√κ − 1)/(√κ + 1) nears 1 as κ grows, and must, for the rate
  // 1 − 1/√κ: 999/1001 at κ = 10⁶, 1 − 2·10⁻¹² to rounding at κ = 10²⁴.
  for (const double stiff : {1e6, 1e24}) {
    const MomentumParams q = nesterov_parameters(1.0, stiff);
    const double root = std::sqrt(stiff), wanted = (root - 1.0) / (root + 1.0);
    std::string at_stiff = "nesterov_parameters(1, " + format_number(stiff) +
                           "): β = " + format_number(q.momentum, 15) +
                           ", expected (√κ − 1)/(√κ + 1) = " + format_number(wanted, 15);
    if (!close(q.momentum, wanted, 1e-13)) {
      // The same β for a larger κ: a cap. Otherwise the single edit of §3.6's lines, if any.
      const double larger = nesterov_parameters(1.0, 1e4 * stiff).momentum;
      if (q.momentum < wanted && larger == q.momentum) {
        at_stiff += ", and again " + format_number(larger, 15) +
                    " at κ = " + format_number(1e4 * stiff) +
                    ": is β capped? (√κ − 1)/(√κ + 1) is below 1 for every finite κ, and its "
                    "nearness to 1 is what buys the rate 1 − 1/√κ; a cap such as β ≤ 0.99 is a "
                    "rule of thumb for momentum that is not tuned, not part of §3.6's tuning";
      } else if (!edit.empty()) {
        at_stiff += ": " + edit;
      }
    }
    BOOST_TEST_INFO(at_stiff);
    BOOST_TEST(q.momentum == wanted, tt::tolerance(1e-13));
    BOOST_TEST_INFO(at_stiff);
    BOOST_TEST(q.learning_rate == 1.0 / stiff, tt::tolerance(1e-15));
  }

  // An ill-conditioned quadratic: κ = 10⁴.
  const double kappa = 1e4;
  const MomentumParams tuned = nesterov_parameters(1.0, kappa);
  const double rho = nesterov_rate(1.0, kappa);
  const long budget = predicted_count(rho, 1.0, 1e-6);
  auto nesterov = nesterov_rule(tuned);
  const Result run = testing::run_to_tolerance(Quadratic::diagonal(Vector{{1.0, kappa}}), nesterov,
                                               Vector{{1.0, 1.0}}, 1e-6, 4 * budget);
  const double at_L = spectral_radius(nesterov_iteration_matrix(tuned, kappa));
  BOOST_TEST_MESSAGE("diag(1, 1e4): " << run.iterations << " iterations, predicted at most "
                                      << budget);
  BOOST_TEST_INFO("diag(1, 10⁴): "
                  << run.iterations << " iterations to ‖x‖∞ ≤ 1e-6 (" << run.message
                  << "), predicted at most " << budget << " by ρ = " << rho
                  << "; with η = " << tuned.learning_rate << ", β = " << tuned.momentum
                  << " the radius along λ = L is " << at_L
                  << (at_L > 1.0 ? " > 1: the step is too long for L, η = 1/L" : ""));
  BOOST_TEST(run.iterations <= budget);

  // The softplus bowl: the theorem's count.
  const double ell = 1.0, L = 100.0;
  const SoftplusBowl f(ell, L, 6);
  const Vector x_star = f.minimisers().front(), x0 = f.default_start();
  const double f_star = *f.minimum();
  const double start = f.value(x0) - f_star + 0.5 * ell * (x0 - x_star).squaredNorm();
  const double bowl_rate = nesterov_rate(ell, L);
  const long theorem = long(std::ceil(std::log(1e-10 / start) / std::log(bowl_rate)));
  auto on_bowl = nesterov_rule(nesterov_parameters(ell, L));
  StopWhen reached([&](const IterationInfo& info) { return info.loss - f_star <= 1e-10; },
                   "f - f* <= 1e-10");
  StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.max_iterations = 4 * theorem;
  const Result bowl = minimize(f, on_bowl, x0, stopping, {&reached});
  BOOST_TEST_MESSAGE("softplus bowl: " << bowl.iterations << " iterations, the theorem's count "
                                       << theorem);
  BOOST_TEST_INFO("softplus bowl: " << bowl.iterations << " iterations to f − f* ≤ 1e-10 ("
                                    << bowl.message << "), the theorem's count " << theorem << "; "
                                    << why);
  BOOST_TEST(bowl.iterations <= theorem);
}
//! [nesterov]

//! [rate map]
BOOST_AUTO_TEST_CASE(
    the_rate_map,
    *utf::label("plot") *
        utf::description("§3.5: the map of max over λ ∈ [1, 100] of ρ(T) over (η, β), from the "
                         "spectral radius at λ₁ and λₙ (sampling λ at 100 points gives the same "
                         "maximum): it is below 1 exactly where ηλₙ < 2 + 2β (the stability "
                         "edge), and nowhere below the tuned (η*, β*)'s 9/11")) {
  const double smallest = 1.0, largest = 100.0;
  const MomentumParams tuned = optimal_heavy_ball(smallest, largest);
  const double tuned_worst = worst_radius(tuned, smallest, largest);
  std::vector<double> etas, betas;
  for (int i = 1; i <= 180; ++i) etas.push_back(0.00025 * i);  // η ∈ (0, 0.045]
  for (int j = 0; j < 100; ++j) betas.push_back(0.01 * j);     // β ∈ [0, 0.99]
  std::vector<std::vector<double>> map(betas.size());
  double lowest = std::numeric_limits<double>::infinity();
  int wrong_edge = 0;
  std::string first_wrong;
  for (std::size_t j = 0; j < betas.size(); ++j) {
    for (double eta : etas) {
      const double rho = worst_radius({eta, betas[j]}, smallest, largest);
      map[j].push_back(rho);
      lowest = std::min(lowest, rho);
      const double margin = eta * largest - (2.0 + 2.0 * betas[j]);  // < 0: stable
      if (std::abs(margin) > 1e-9 && (rho < 1.0) != (margin < 0.0) && wrong_edge++ == 0) {
        first_wrong = "η = " + format_number(eta, 6) + ", β = " + format_number(betas[j], 6) +
                      ": ρ = " + format_number(rho, 6) +
                      ", ηλₙ − (2 + 2β) = " + format_number(margin, 6) + "; " +
                      diagnose_radius(eta, betas[j], largest,
                                      heavy_ball_spectral_radius({eta, betas[j]}, largest),
                                      eigen_radius(eta, betas[j], largest));
      }
    }
  }
  BOOST_TEST(wrong_edge == 0, wrong_edge << " cells on the wrong side of the stability edge "
                                         << "ηλₙ = 2 + 2β, the first at " << first_wrong);
  BOOST_TEST_INFO("the map's smallest radius is " << lowest << ", the tuned (η, β)'s "
                                                  << tuned_worst);
  BOOST_TEST(tuned_worst <= lowest + 1e-7);
  BOOST_TEST(tuned_worst == 9.0 / 11.0, tt::tolerance(1e-7));
  // Along β = 0, gradient descent: its best step 2/(λ₁ + λₙ) gives (κ − 1)/(κ + 1).
  BOOST_TEST(worst_radius({2.0 / 101.0, 0.0}, smallest, largest) == 99.0 / 101.0,
             tt::tolerance(1e-14));
  // The endpoints suffice: ρ(λ) falls, stays at √β, then rises as λ grows.
  for (const auto& [eta, beta] : {std::pair{0.01, 0.3}, {0.03, 0.8}, {0.04, 0.5}, {0.002, 0.95}}) {
    double sampled = 0.0;
    for (int k = 0; k < 100; ++k) {
      sampled = std::max(sampled, heavy_ball_spectral_radius({eta, beta}, 1.0 + k));
    }
    BOOST_TEST_INFO("η = " << eta << ", β = " << beta << ": max over 100 λ = " << sampled
                           << ", over λ₁ and λₙ = " << worst_radius({eta, beta}, 1.0, 100.0));
    BOOST_TEST(sampled == worst_radius({eta, beta}, 1.0, 100.0), tt::tolerance(1e-12));
  }

  testing::draw(
      plot::Heatmap("The heavy ball's worst-case rate on λ ∈ [1, 100]")
          .x_label("step size η")
          .y_label("momentum β")
          .colour_label("max over λ of ρ(T)")
          .colour_range(0.8, 1.1)
          .grid(etas, betas, map)
          .contour(1.0, "ρ = 1, the stability edge ηλₙ = 2 + 2β")
          .mark("optimum: η = 4/121, β = 81/121, ρ = 9/11", tuned.learning_rate, tuned.momentum),
      "ch03_rate_map");
}
//! [rate map]

BOOST_AUTO_TEST_SUITE_END()
