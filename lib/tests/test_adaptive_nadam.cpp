// Chapter 5, §5.6: NAdam, which is not an exercise: its claims, torch's trajectories and the
// single-tensor slip of torch 1.13.
#include <cmath>

#include "workbook/adaptive.hpp"
#include "workbook/testing/adaptive_golden.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

BOOST_AUTO_TEST_SUITE(nadam)

//! [nadam steps]
BOOST_AUTO_TEST_CASE(
    first_steps_of_a_constant_gradient,
    *utf::description("§5.6: with μ_t = β₁(1 − ½·0.96^{tψ}), ψ = 0.004, a constant gradient 1 and "
                      "lr = 2e-3 from x₀ = 0: x₁ = −0.0021129035 and x₃ = −0.0051447065")) {
  testing::KernelRun nadam(nadam_step, NAdamParams{}, Vector{{0.0}});
  std::vector<double> xs;
  for (int t = 1; t <= 3; ++t) {
    nadam.step(1.0);
    xs.push_back(nadam.x(0));
  }
  const auto mu = [&](long t) { return nadam_momentum_coefficient(t, nadam.params); };
  // The claim gives 8 significant digits.
  BOOST_TEST(xs[0] == -0.0021129035, tt::tolerance(5e-8));
  BOOST_TEST(xs[2] == -0.0051447065, tt::tolerance(5e-8));
  // The schedule and the product it keeps: P₃ = μ₁μ₂μ₃.
  const double mu1 = 0.9 * (1.0 - 0.5 * std::pow(0.96, 0.004));
  BOOST_TEST(mu(1) == mu1, tt::tolerance(1e-15));
  BOOST_TEST(nadam.state.momentum_product == mu(1) * mu(2) * mu(3), tt::tolerance(1e-15));
  BOOST_TEST(nadam.state.t == 3);
  // μ_t rises from about β₁/2 towards β₁ as 0.96^{tψ} → 0.
  BOOST_TEST(mu(1) == 0.4500735, tt::tolerance(1e-6));
  BOOST_TEST(mu(100000) == 0.9, tt::tolerance(1e-6));
}
//! [nadam steps]

BOOST_AUTO_TEST_CASE(
    iterates_equal_torch_nadam,
    *utf::description("§5.10: on the quadratic and Rosenbrock, for every combination of lr, betas, "
                      "weight_decay and momentum_decay in the grid (32 runs of 30 steps), the "
                      "iterates equal those of torch.optim.NAdam 1.13 (foreach = True, the "
                      "documented algorithm) to 1e-10 relative")) {
  const std::vector<golden::Trajectory> runs = golden::read("torch_nadam.csv");
  BOOST_TEST(golden::check_replays(golden::select(runs, "nadam", "torch")) == 32);
}

//! [single tensor]
BOOST_AUTO_TEST_CASE(
    torch_single_tensor_path_counts_mu_twice,
    *utf::description("§5.6: torch 1.13's default single-tensor NAdam uses 1 − P_t·μ_t·μ_{t+1} "
                      "for the momentum term: its trajectories differ from the documented "
                      "algorithm's by more than 1e-6 relative, and the golden files hold both")) {
  const std::vector<golden::Trajectory> runs = golden::read("torch_nadam.csv");
  const std::vector<golden::Trajectory> documented = golden::select(runs, "nadam", "torch");
  const std::vector<golden::Trajectory> slip = golden::select(runs, "nadam", "torch_single_tensor");
  BOOST_TEST_REQUIRE(documented.size() == slip.size());
  double smallest = 1.0, largest = 0.0;
  for (std::size_t k = 0; k < slip.size(); ++k) {
    const double distance = golden::max_relative_difference(golden::replay(slip[k]), slip[k].x);
    smallest = std::min(smallest, distance);
    largest = std::max(largest, distance);
    BOOST_TEST_INFO(slip[k].describe() << ": the library is only " << distance
                                       << " away from torch's single-tensor path");
    BOOST_TEST(distance > 1e-6);
  }
  BOOST_TEST_MESSAGE("the single-tensor path is " << smallest << " to " << largest
                                                  << " (relative) away from the documented one");
}
//! [single tensor]

BOOST_AUTO_TEST_CASE(
    conventions_pinned_by_formula_goldens,
    *utf::description("§5.10: fed the same 40 gradients, NAdam follows the formulas to 1e-10, "
                      "and the single-tensor product moves the iterates by more than 1e-6")) {
  BOOST_TEST(golden::check_formula_family(golden::formula_family({"nadam"})) == 2);
}

BOOST_AUTO_TEST_SUITE_END()
