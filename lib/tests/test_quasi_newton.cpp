// Chapter 4's library code that is not an exercise: the strong-Wolfe line search, nonlinear
// conjugate gradients, BFGS and the L-BFGS history. (The L-BFGS direction and rule run graded code,
// lbfgs_direction(): they are tested in solutions/ch04/test_lbfgs.cpp.)
#include "workbook/quasi_newton.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>
#include <sstream>

#include "workbook/problems.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
using workbook::testing::CountedProblem;
using workbook::testing::message_has;
using workbook::testing::run_steps;

namespace {

// φ(α) = f(x + αd) and φ'(α) = ∇f(x + αd)ᵀd at the step a search returned, with the strong-Wolfe
// conditions checked; what failed, in the notes' words, or "".
std::string wolfe_violation(const Problem& problem, const Vector& x, const Vector& d,
                            const LineSearchResult& found, const WolfeParams& params) {
  Vector g0, g;
  const double phi0 = problem.value_and_gradient(x, g0);
  const double phi = problem.value_and_gradient(x + found.step_size * d, g);
  const double slope0 = g0.dot(d), slope = g.dot(d);
  std::ostringstream why;
  if (!(phi <= phi0 + params.sufficient_decrease * found.step_size * slope0)) {
    why << "no sufficient decrease at α = " << found.step_size << ": f(x + αd) = " << phi
        << " > f(x) + c₁αφ'(0) = " << phi0 + params.sufficient_decrease * found.step_size * slope0;
  } else if (!(std::abs(slope) <= params.curvature * std::abs(slope0))) {
    why << "the curvature condition fails at α = " << found.step_size
        << ": |φ'(α)| = " << std::abs(slope)
        << " > c₂|φ'(0)| = " << params.curvature * std::abs(slope0);
  } else if (found.loss != phi || (found.gradient - g).norm() != 0.0) {
    why << "the returned f or ∇f is not the one at x + αd";
  }
  return why.str();
}

// f(x) = ½xᵀAx with A = diag(1, ..., κ) rotated: a random SPD matrix of condition number κ.
Quadratic rotated_quadratic(Index n, double kappa, std::uint64_t seed) {
  return Quadratic::with_condition_number(n, kappa, seed);
}

Vector random_vector(Index n, Random& random) {
  Vector v(n);
  for (Index i = 0; i < n; ++i) v(i) = random.normal();
  return v;
}

// A problem with a wall: f = ½‖x‖² for x₀ < 1, infinite beyond (a barrier the search must back
// away from).
class Wall final : public Problem {
 public:
  std::string name() const override { return "wall"; }
  Index dimension() const override { return 2; }
  double value(const Vector& x) const override {
    return x(0) < 1.0 ? 0.5 * x.squaredNorm() : std::numeric_limits<double>::infinity();
  }
  void gradient(const Vector& x, Vector& g) const override { g = x; }
  Vector default_start() const override { return Vector{{-1.0, 0.5}}; }
};

// x₀ of `problem` with f(x₀) and ∇f(x₀): where a line search from the default start begins.
struct LineSearchStart {
  Vector x, g;
  double f = 0.0;
};
LineSearchStart line_search_start(const Problem& problem) {
  LineSearchStart start;
  start.x = problem.default_start();
  start.f = problem.value_and_gradient(start.x, start.g);
  return start;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(strong_wolfe_line_search_tests)

BOOST_AUTO_TEST_CASE(
    both_conditions_hold_at_the_returned_step,
    *utf::description("§4.8: the step α returned along a descent direction d satisfies "
                      "f(x + αd) ≤ f(x) + c₁α∇fᵀd and |∇f(x + αd)ᵀd| ≤ c₂|∇f(x)ᵀd|, on "
                      "Rosenbrock (−g from several points, and a Newton-like direction) and on a "
                      "quadratic of condition number 1000 (c₂ = 0.9, 0.1 and 0.01, α₀ = 1, "
                      "1e-3 and 100)")) {
  const Rosenbrock rosenbrock(2);
  const Quadratic quadratic = rotated_quadratic(6, 1000.0, 3);
  Random random(11);
  for (double c2 : {0.9, 0.1, 0.01}) {
    for (double alpha0 : {1.0, 1e-3, 100.0}) {
      const WolfeParams params{.initial_step = alpha0, .curvature = c2};
      for (const Vector& x :
           {Vector{{-1.2, 1.0}}, Vector{{0.0, 0.0}}, Vector{{2.0, 2.0}}, Vector{{0.9, 0.8}}}) {
        Vector g;
        const double f = rosenbrock.value_and_gradient(x, g);
        // −g, and −H⁻¹g where the Hessian is positive definite (else −g scaled).
        const Matrix hessian = rosenbrock.hessian(x);
        Eigen::LLT<Matrix> cholesky(hessian);
        const Vector newton =
            cholesky.info() == Eigen::Success ? Vector(-cholesky.solve(g)) : Vector(-g / g.norm());
        for (const Vector& d : {Vector(-g), newton}) {
          Objective objective(rosenbrock);
          const LineSearchResult found = strong_wolfe_line_search(objective, x, f, g, d, params);
          const std::string why = wolfe_violation(rosenbrock, x, d, found, params);
          BOOST_TEST(why.empty(), "rosenbrock at " << format_vector(x) << ", c₂ = " << c2
                                                   << ", α₀ = " << alpha0 << ": " << why);
          // Each trial point costs one f and one ∇f, counted by the Objective.
          BOOST_TEST(objective.function_evaluations() == found.evaluations);
          BOOST_TEST(objective.gradient_evaluations() == found.evaluations);
          BOOST_TEST(found.evaluations <= params.max_evaluations);
        }
      }
      for (int j = 0; j < 4; ++j) {
        const Vector x = random_vector(6, random);
        Vector g;
        const double f = quadratic.value_and_gradient(x, g);
        Vector d = random_vector(6, random);
        if (d.dot(g) > 0) d = -d;
        Objective objective(quadratic);
        const LineSearchResult found = strong_wolfe_line_search(objective, x, f, g, d, params);
        const std::string why = wolfe_violation(quadratic, x, d, found, params);
        BOOST_TEST(why.empty(), "quadratic, c₂ = " << c2 << ", α₀ = " << alpha0 << ": " << why);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(
    on_a_quadratic_the_cubic_finds_the_exact_minimiser,
    *utf::description("§4.8: φ(α) of a quadratic is a parabola, which the cubic interpolation "
                      "reproduces: with c₂ = 1e-6 the search returns the exact step "
                      "α* = −gᵀd / dᵀAd to 1e-10 after bracketing")) {
  const Quadratic quadratic = rotated_quadratic(5, 100.0, 7);
  Random random(5);
  for (int j = 0; j < 5; ++j) {
    const Vector x = random_vector(5, random);
    Vector g;
    const double f = quadratic.value_and_gradient(x, g);
    const Vector d = -g;
    const double exact = g.squaredNorm() / d.dot(quadratic.A() * d);
    Objective objective(quadratic);
    const LineSearchResult found = strong_wolfe_line_search(
        objective, x, f, g, d,
        {.initial_step = 1.0, .sufficient_decrease = 1e-10, .curvature = 1e-6});
    BOOST_TEST_INFO("α = " << found.step_size << " after " << found.evaluations
                           << " evaluations; exact α* = " << exact);
    BOOST_TEST(found.step_size == exact, tt::tolerance(1e-10));
    BOOST_TEST(found.evaluations <= 6);
  }
}

BOOST_AUTO_TEST_CASE(
    non_finite_values_shrink_the_step,
    *utf::description("§4.8: a trial point where f is infinite is treated as a step too long: "
                      "the search backs off and returns a step before the wall")) {
  const Wall wall;
  const auto [x, g, f] = line_search_start(wall);
  const Vector d{{1.0, 0.0}};  // φ'(0) = x₀ = −1: descent, minimiser at α = 1, the wall at α = 2
  Objective objective(wall);
  const LineSearchResult found =
      strong_wolfe_line_search(objective, x, f, g, d, {.initial_step = 10.0});
  BOOST_TEST(std::isfinite(found.loss));
  BOOST_TEST(found.step_size < 2.0, "stepped through the wall: α = " << found.step_size);
  BOOST_TEST(wolfe_violation(wall, x, d, found, WolfeParams{}).empty());
}

BOOST_AUTO_TEST_CASE(
    a_kept_result_is_refilled_in_its_own_storage,
    *utf::description("a rule that keeps the LineSearchResult in its state gets the same step as "
                      "from the returning search, with the trial point and gradient written into "
                      "the storage it already has; a result that shares x's storage is refused")) {
  const Rosenbrock rosenbrock(10);
  const auto [x, g, f] = line_search_start(rosenbrock);
  const Vector d = -g;
  Objective objective(rosenbrock);
  const LineSearchResult returned = strong_wolfe_line_search(objective, x, f, g, d, {});
  LineSearchResult kept;
  kept.point = Vector::Zero(10);
  kept.gradient = Vector::Zero(10);
  const double* point_storage = kept.point.data();
  const double* gradient_storage = kept.gradient.data();
  strong_wolfe_line_search(objective, x, f, g, d, {}, kept);
  BOOST_TEST(kept.step_size == returned.step_size);
  BOOST_TEST(kept.loss == returned.loss);
  BOOST_TEST(kept.evaluations == returned.evaluations);
  BOOST_TEST((kept.point == returned.point));
  BOOST_TEST((kept.gradient == returned.gradient));
  BOOST_TEST(kept.point.data() == point_storage, "the trial point was written into new storage");
  BOOST_TEST(kept.gradient.data() == gradient_storage,
             "the trial gradient was written into new storage");
  LineSearchResult aliased;
  aliased.point = x;
  BOOST_CHECK_EXCEPTION(strong_wolfe_line_search(objective, aliased.point, f, g, d, {}, aliased),
                        std::invalid_argument, message_has({"shares its storage with x"}));
}

BOOST_AUTO_TEST_CASE(
    rejects_an_ascent_direction_and_bad_constants,
    *utf::description("the search needs ∇f(x)ᵀd < 0 and 0 < c₁ < c₂ < 1, α₀ > 0, at least one "
                      "evaluation: otherwise std::invalid_argument naming the value and the "
                      "range")) {
  const Rosenbrock rosenbrock(2);
  const auto [x, g, f] = line_search_start(rosenbrock);
  Objective objective(rosenbrock);
  BOOST_CHECK_EXCEPTION(strong_wolfe_line_search(objective, x, f, g, g, {}), std::invalid_argument,
                        message_has({"not a descent direction", "∇f(x)ᵀd = "}));
  BOOST_CHECK_EXCEPTION(strong_wolfe_line_search(objective, x, f, g, Vector::Zero(2), {}),
                        std::invalid_argument, message_has({"not a descent direction"}));
  BOOST_TEST(objective.function_evaluations() == 0);
  BOOST_CHECK_EXCEPTION((WolfeParams{.curvature = 1.5}.validate()), std::invalid_argument,
                        message_has({"curvature = 1.5 is invalid: expected sufficient_decrease < "
                                     "curvature < 1"}));
  BOOST_CHECK_EXCEPTION((WolfeParams{.sufficient_decrease = 0.5, .curvature = 0.1}.validate()),
                        std::invalid_argument,
                        message_has({"curvature = 0.1 is invalid", "sufficient_decrease <"}));
  BOOST_CHECK_EXCEPTION((WolfeParams{.sufficient_decrease = 0.0}.validate()), std::invalid_argument,
                        message_has({"sufficient_decrease = 0 is invalid"}));
  BOOST_CHECK_EXCEPTION((WolfeParams{.initial_step = -1.0}.validate()), std::invalid_argument,
                        message_has({"initial_step = -1 is invalid: expected initial_step > 0"}));
  BOOST_CHECK_EXCEPTION((WolfeParams{.max_evaluations = 0}.validate()), std::invalid_argument,
                        message_has({"max_evaluations = 0 is invalid"}));
  BOOST_CHECK_EXCEPTION((WolfeParams{.curvature = 2.0}.validate(Naming::flag)),
                        std::invalid_argument, message_has({"--curvature = 2 is invalid"}));
  BOOST_CHECK_EXCEPTION(strong_wolfe_line_search(objective, x, f, g, -g, {.curvature = 1e-5}),
                        std::invalid_argument, message_has({"curvature"}));
  BOOST_CHECK_NO_THROW(WolfeParams{}.validate());
  BOOST_CHECK_NO_THROW(NonlinearCgParams{}.validate());
  BOOST_CHECK_EXCEPTION(nonlinear_cg_rule({.line_search = {.curvature = 0.0}}),
                        std::invalid_argument, message_has({"curvature = 0 is invalid"}));
  BOOST_CHECK_EXCEPTION(bfgs_rule({.line_search = {.initial_step = 0.0}}), std::invalid_argument,
                        message_has({"initial_step = 0 is invalid"}));
  BOOST_CHECK_EXCEPTION((LbfgsParams{.history = 0}.validate()), std::invalid_argument,
                        message_has({"history = 0 is invalid: expected history >= 1"}));
  BOOST_TEST(to_string(ConjugateGradientBeta::fletcher_reeves) == "fr");
  BOOST_TEST(to_string(ConjugateGradientBeta::polak_ribiere_plus) == "pr");
}

BOOST_AUTO_TEST_CASE(
    a_tiny_budget_breaks_down_with_the_numbers,
    *utf::description("§4.8: when no acceptable step is found within max_evaluations trial points "
                      "the search throws Breakdown with the numbers, and the driver stops with "
                      "StopReason::breakdown at x_k")) {
  const Rosenbrock rosenbrock(2);
  const auto [x, g, f] = line_search_start(rosenbrock);
  CountedProblem counted(rosenbrock);
  Objective objective(counted);
  // −g at (−1.2, 1) has length 232; α₀ = 1 lands far up the valley's wall.
  BOOST_CHECK_EXCEPTION(strong_wolfe_line_search(objective, x, f, g, -g, {.max_evaluations = 2}),
                        Breakdown,
                        message_has({"no step in 2 trial points", "f(x) = 24.2", "∇f(x)ᵀd = "}));
  BOOST_TEST(objective.function_evaluations() == 2);
  BOOST_TEST(counted.both + counted.values + counted.gradients == 2);

  BfgsRule bfgs = bfgs_rule({.line_search = {.max_evaluations = 1}});
  const Result result = minimize(rosenbrock, bfgs, x);
  BOOST_TEST(result.reason == StopReason::breakdown, result.message);
  BOOST_TEST(result.message.find("max_evaluations") != std::string::npos, result.message);
  BOOST_TEST(result.x == x);  // the run ends at x_k
}

BOOST_AUTO_TEST_CASE(
    the_accepted_point_is_not_evaluated_again,
    *utf::description("§4.8: the driver reuses f and ∇f of the search's accepted trial point: "
                      "runs of BFGS and nonlinear CG (FR, PR+) on Rosenbrock (n = 10) "
                      "evaluate f as often as ∇f, once per trial point plus x₀, the problem sees "
                      "exactly the counted calls, and every f and ∇f the driver reports are, bit "
                      "for bit, the problem's at that iterate")) {
  const Rosenbrock rosenbrock(10);
  // L-BFGS, whose direction is an exercise, is checked the same way in solutions/ch04/test_lbfgs.cpp.
  BfgsRule bfgs = bfgs_rule();
  NonlinearCgRule fr = nonlinear_cg_rule({.beta = ConjugateGradientBeta::fletcher_reeves});
  NonlinearCgRule pr = nonlinear_cg_rule();
  for (UpdateRule* rule : std::initializer_list<UpdateRule*>{&bfgs, &fr, &pr}) {
    BOOST_TEST_CONTEXT(rule->name()) {
      CountedProblem counted(rosenbrock);
      workbook::testing::RecomputesEveryIterate check(rosenbrock);
      // 300 steps: BFGS and PR+ converge; Fletcher–Reeves, the slower (§4.8), stops at
      // the budget. What is checked holds for either.
      StoppingRules stopping;
      stopping.max_iterations = 300;
      const Result result =
          minimize(counted, *rule, rosenbrock.default_start(), stopping, {&check});
      BOOST_TEST((result.converged() || result.reason == StopReason::max_iterations),
                 result.message);
      BOOST_TEST(result.function_evaluations == result.gradient_evaluations);
      BOOST_TEST(counted.values + counted.both == result.function_evaluations);
      BOOST_TEST(counted.gradients + counted.both == result.gradient_evaluations);
      // At least one trial per step, and more only when the first trial step fails.
      BOOST_TEST(result.function_evaluations >= result.iterations + 1);
      BOOST_TEST(check.first_wrong() == -1,
                 "at iteration " << check.first_wrong()
                                 << " the driver's f or ∇f is not the problem's at x_k");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(nonlinear_conjugate_gradients)

BOOST_AUTO_TEST_CASE(
    terminates_in_n_steps_on_a_quadratic,
    *utf::description("§4.8: on a quadratic with n = 6 and κ = 100, nonlinear CG with a nearly "
                      "exact line search (c₂ = 1e-8) is linear CG: both Fletcher–Reeves and "
                      "Polak–Ribière+ reduce ‖g‖ by 1e-8 in at most n = 6 steps (rounding "
                      "aside), where steepest descent needs hundreds")) {
  const Quadratic quadratic = rotated_quadratic(6, 100.0, 21);
  for (ConjugateGradientBeta beta :
       {ConjugateGradientBeta::fletcher_reeves, ConjugateGradientBeta::polak_ribiere_plus}) {
    NonlinearCgRule cg = nonlinear_cg_rule(
        {.beta = beta, .line_search = {.sufficient_decrease = 1e-10, .curvature = 1e-8}});
    StoppingRules stopping;
    stopping.gradient_tolerance = 0.0;
    stopping.relative_gradient_tolerance = 1e-8;
    stopping.max_iterations = 20;
    const Result result = minimize(quadratic, cg, quadratic.default_start(), stopping);
    BOOST_TEST_INFO(cg.name() << ": " << result.message);
    BOOST_TEST(result.converged());
    // In exact arithmetic n steps; rounding in the line search may cost one more.
    BOOST_TEST(result.iterations <= 7);
    BOOST_TEST(cg.state().restarts == 0);
  }
  BOOST_TEST(nonlinear_cg_rule().name() == "nonlinear-cg (pr)");
  BOOST_TEST(nonlinear_cg_rule({.beta = ConjugateGradientBeta::fletcher_reeves}).name() ==
             "nonlinear-cg (fr)");
}

BOOST_AUTO_TEST_CASE(
    converges_on_rosenbrock,
    *utf::description("§4.8: from (−1.2, 1), nonlinear CG with the strong-Wolfe search "
                      "(c₂ = 0.1) reaches ‖g‖ ≤ 1e-6 on Rosenbrock with Polak–Ribière+ and with "
                      "Fletcher–Reeves, each step a descent step")) {
  const Rosenbrock rosenbrock(2);
  for (ConjugateGradientBeta beta :
       {ConjugateGradientBeta::polak_ribiere_plus, ConjugateGradientBeta::fletcher_reeves}) {
    NonlinearCgRule cg = nonlinear_cg_rule({.beta = beta});
    StoppingRules stopping;
    stopping.gradient_tolerance = 1e-6;
    stopping.max_iterations = 5000;
    const Result result = minimize(rosenbrock, cg, rosenbrock.default_start(), stopping);
    BOOST_TEST_MESSAGE(cg.name() << ": " << result.message << ", " << result.function_evaluations
                                 << " evaluations, " << cg.state().restarts << " restarts");
    BOOST_TEST_INFO(cg.name() << ": " << result.message);
    BOOST_TEST(result.converged());
    BOOST_TEST((result.x - Vector::Ones(2)).norm() < 1e-5);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bfgs)

BOOST_AUTO_TEST_CASE(
    learns_the_inverse_hessian_of_a_quadratic,
    *utf::description("§4.9: on a quadratic with n = 5 and κ = 50, BFGS keeps H_k symmetric "
                      "positive definite and satisfies the secant condition H_{k+1}y_k = s_k at "
                      "every step; with the strong-Wolfe search (c₂ = 0.9) H approaches A⁻¹ "
                      "(to 10% after 12 steps), and with nearly exact steps (c₂ = 1e-8) H_n = A⁻¹ "
                      "after n = 5 steps, to 1e-6")) {
  const Quadratic quadratic = rotated_quadratic(5, 50.0, 9);
  const Matrix inverse = quadratic.A().inverse();
  for (const WolfeParams& search :
       {WolfeParams{}, WolfeParams{.sufficient_decrease = 1e-10, .curvature = 1e-8}}) {
    BfgsRule rule = bfgs_rule({.line_search = search});
    rule.reset(5);
    Objective objective(quadratic);
    Vector x = quadratic.default_start(), g;
    double f = objective.value_and_gradient(x, g);
    double error = 0.0;
    int k = 0;
    for (; k < 12 && g.norm() > 1e-10; ++k) {
      const Vector x_before = x, g_before = g;
      rule.step(x, f, g, objective);
      f = objective.at_iterate(x, g);
      const Matrix& H = rule.state().H;
      const Vector s = x - x_before, y = g - g_before;
      BOOST_TEST_INFO("c₂ = " << search.curvature << ", step " << k + 1);
      BOOST_TEST((H - H.transpose()).norm() == 0.0);
      const Eigen::SelfAdjointEigenSolver<Matrix> eigen(H);
      BOOST_TEST_INFO("step " << k + 1 << ": λ_min(H) = " << eigen.eigenvalues()(0));
      BOOST_TEST(eigen.eigenvalues()(0) > 0.0);
      BOOST_TEST_INFO("step " << k + 1 << ": ‖H y − s‖/‖s‖ = " << (H * y - s).norm() / s.norm());
      BOOST_TEST((H * y - s).norm() <= 1e-10 * s.norm());
      error = (H - inverse).norm() / inverse.norm();
    }
    BOOST_TEST_MESSAGE("c₂ = " << search.curvature << ": ‖H − A⁻¹‖/‖A⁻¹‖ = " << error << " after "
                               << k << " steps, ‖g‖ = " << g.norm());
    BOOST_TEST(rule.state().skipped_updates == 0);
    if (search.curvature == 0.9) {
      // Inexact steps: H learns A only along the steps taken (measured 0.056).
      BOOST_TEST(error < 0.1);
    } else {
      // Exact steps: the steps are A-conjugate, the search ends in n steps with H_n = A⁻¹.
      BOOST_TEST(k <= 5);
      BOOST_TEST(error < 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(
    the_first_update_scales_h0_by_gamma,
    *utf::description("§4.9: before the first update H₀ = I becomes γI, γ = sᵀy/yᵀy (Nocedal "
                      "and Wright, (6.20)): on f = ½·100‖x‖², y = 100s and H₁ = I/100 = A⁻¹ "
                      "after one step")) {
  const Quadratic quadratic = Quadratic::diagonal(Vector::Constant(3, 100.0));
  BfgsRule rule = bfgs_rule();
  const Result result = run_steps(quadratic, rule, Vector{{1.0, -2.0, 0.5}}, 1);
  BOOST_TEST((rule.state().H - Matrix::Identity(3, 3) / 100.0).norm() <= 1e-15);
  BOOST_TEST(result.iterations == 1);
}

BOOST_AUTO_TEST_CASE(
    converges_on_rosenbrock_2_and_10,
    *utf::description(
        "§4.9: BFGS from the classic start reaches ‖g‖ ≤ 1e-8 on Rosenbrock in 2 "
        "and 10 dimensions, superlinearly: the last steps take the full step α = 1")) {
  for (Index n : {2, 10}) {
    const Rosenbrock rosenbrock(n);
    BfgsRule rule = bfgs_rule();
    StoppingRules stopping;
    stopping.max_iterations = 1000;
    const Result result = minimize(rosenbrock, rule, rosenbrock.default_start(), stopping);
    BOOST_TEST_MESSAGE("bfgs on rosenbrock " << n << ": " << result.message << ", "
                                             << result.function_evaluations << " evaluations");
    BOOST_TEST_INFO("n = " << n << ": " << result.message);
    BOOST_TEST(result.converged());
    BOOST_TEST(result.loss < 1e-12);
    BOOST_TEST(rule.state().step_size == 1.0);
    BOOST_TEST(rule.name() == "bfgs");
    BOOST_TEST(rule.state_vectors() == n);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(lbfgs_history)

BOOST_AUTO_TEST_CASE(
    keeps_the_last_m_pairs_oldest_first,
    *utf::description("§4.9: the history keeps at most m pairs, drops the oldest when full, and "
                      "refuses a pair with sᵀy ≤ 0, which would make H indefinite")) {
  LbfgsHistory history(3);
  BOOST_TEST(history.capacity() == 3);
  BOOST_TEST(history.size() == 0);
  for (int i = 1; i <= 5; ++i) {
    history.push(Vector::Constant(2, i), Vector::Constant(2, 10.0 * i));
    BOOST_TEST(history.size() == std::min(i, 3));
  }
  BOOST_TEST(history.s(0)(0) == 3.0);   // pairs 1 and 2 dropped
  BOOST_TEST(history.y(2)(0) == 50.0);  // the newest last
  BOOST_CHECK_EXCEPTION(history.push(Vector{{1.0, 0.0}}, Vector{{-1.0, 0.0}}),
                        std::invalid_argument, message_has({"sᵀy = -1 is invalid", "sᵀy > 0"}));
  BOOST_CHECK_EXCEPTION(history.push(Vector{{1.0, 0.0}}, Vector{{0.0, 1.0}}), std::invalid_argument,
                        message_has({"sᵀy = 0 is invalid"}));
  BOOST_CHECK_EXCEPTION(history.push(Vector::Ones(3), Vector::Ones(3)), std::invalid_argument,
                        message_has({"s has 3 entries"}));
  BOOST_CHECK_EXCEPTION(history.push(Vector::Ones(2), Vector::Ones(3)), std::invalid_argument,
                        message_has({"y has 3 entries"}));
  BOOST_TEST(history.size() == 3);  // a refused pair changes nothing
  BOOST_CHECK_THROW(history.s(3), std::out_of_range);
  history.clear();
  BOOST_TEST(history.size() == 0);
  BOOST_CHECK_EXCEPTION(LbfgsHistory(0), std::invalid_argument, message_has({"m = 0 is invalid"}));
  LbfgsState state;
  state.reset(4, {.history = 7});
  BOOST_TEST(state.history.capacity() == 7);
  BOOST_TEST(state.vectors() == 14);
}

BOOST_AUTO_TEST_SUITE_END()
