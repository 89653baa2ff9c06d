// Chapter 3, §3.4–§3.6: a hidden test of the tuning, on spectra at every scale.
// Hidden tests (solutions/<chapter>/hidden/) are graded like the others; the student edition
// leaves their code out, and the manifest declares them so that their names and points are known.
#include <cmath>
#include <string>

#include "workbook/momentum.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/momentum_edits.hpp"

using namespace workbook;

BOOST_AUTO_TEST_SUITE(momentum_tuning)

BOOST_AUTO_TEST_CASE(
    the_tuning_depends_on_kappa_alone,
    *utf::description("§3.5–§3.6: scaling the spectrum by c scales η by 1/c and keeps β: on "
                      "[c, 100c] for c from 1e-6 to 1e6, the heavy ball's cη = 4/121 and "
                      "β = 81/121, Nesterov's cη = 1/100 and β = 9/11; the spectral radius "
                      "depends on ηλ and β only, and stays finite and ≥ 0 from λ = 0 to "
                      "ηλ = 1e6; at κ = 1e8, β < 1 and ρ = √β = 0.9998")) {
  for (double c : {1e-6, 1e-3, 1.0, 1e3, 1e6}) {
    const MomentumParams heavy = optimal_heavy_ball(c, 100.0 * c);
    const MomentumParams nesterov = nesterov_parameters(c, 100.0 * c);
    // What a single edit of the notes' lines says, when the values are wrong.
    const auto edit_of = [](bool right, MomentumParams (*tuning)(double, double), bool nesterov) {
      const std::string edit = right ? "" : testing::tuning_edit(tuning, nesterov);
      return edit.empty() ? edit : ": " + edit;
    };
    const bool heavy_right = std::abs(c * heavy.learning_rate - 4.0 / 121.0) <= 1e-14 &&
                             std::abs(heavy.momentum - 81.0 / 121.0) <= 1e-14;
    BOOST_TEST_INFO("optimal_heavy_ball("
                    << c << ", " << 100.0 * c << "): cη = " << c * heavy.learning_rate
                    << ", β = " << heavy.momentum << "; expected 4/121 and 81/121, as on [1, 100]"
                    << edit_of(heavy_right, optimal_heavy_ball, false));
    BOOST_TEST(heavy_right);
    const bool nesterov_right = std::abs(c * nesterov.learning_rate - 0.01) <= 1e-15 &&
                                std::abs(nesterov.momentum - 9.0 / 11.0) <= 1e-14;
    BOOST_TEST_INFO("nesterov_parameters("
                    << c << ", " << 100.0 * c << "): cη = " << c * nesterov.learning_rate
                    << ", β = " << nesterov.momentum << "; expected 1/100 and 9/11, as on [1, 100]"
                    << edit_of(nesterov_right, nesterov_parameters, true));
    BOOST_TEST(nesterov_right);
    const double scaled = heavy_ball_spectral_radius({0.5 / c, 0.6}, 3.0 * c);
    const double unit = heavy_ball_spectral_radius({0.5, 0.6}, 3.0);
    BOOST_TEST_INFO("ρ(η = 0.5/c, β = 0.6, λ = 3c) = " << scaled << ", at c = 1 " << unit
                                                       << ": the radius depends on ηλ alone");
    BOOST_TEST(scaled == unit, tt::tolerance(1e-12));
  }
  double flat = std::nan("");  // the radius at λ = 0
  for (double h : {0.0, 1e-12, 1.0, 3.2, 1e3, 1e6}) {
    double rho = std::nan("");
    std::string refused;
    try {
      rho = heavy_ball_spectral_radius({1.0, 0.5}, h);
    } catch (const std::invalid_argument& error) {
      refused = error.what();
    }
    if (h == 0.0) flat = rho;
    BOOST_TEST_INFO("ηλ = " << h << ", β = 0.5: ρ = " << rho << ", expected finite and ≥ 0"
                            << (refused.empty()
                                    ? ""
                                    : ": λ = " + format_number(h) + " was refused (\"" + refused +
                                          "\"); only a λ that is not finite is invalid: a flat "
                                          "direction, λ = 0, has a radius too (1: the component "
                                          "never shrinks), as has a concave one"));
    BOOST_TEST((std::isfinite(rho) && rho >= 0.0));
  }
  BOOST_TEST(flat == 1.0, tt::tolerance(1e-15));
  const MomentumParams extreme = optimal_heavy_ball(1.0, 1e8);
  BOOST_TEST_INFO("κ = 1e8: β = " << extreme.momentum << ", expected (9999/10001)² < 1");
  BOOST_TEST(extreme.momentum == std::pow(9999.0 / 10001.0, 2), tt::tolerance(1e-12));
  BOOST_TEST(extreme.momentum < 1.0);
  BOOST_TEST(std::sqrt(extreme.momentum) == 0.9998, tt::tolerance(1e-7));
}

BOOST_AUTO_TEST_SUITE_END()
