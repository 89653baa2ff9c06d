// Chapter 5, §5.1–§5.2: one learning rate for every parameter, and Adagrad.
// Exercise: adagrad_step (exercises/ch05/adagrad_step.cpp).
#include <cmath>
#include <random>

#include "workbook/adaptive.hpp"
#include "workbook/gradient_descent.hpp"
#include "workbook/least_squares.hpp"
#include "workbook/linear_algebra.hpp"
#include "workbook/observers.hpp"
#include "workbook/problems.hpp"
#include "workbook/testing/adaptive_golden.hpp"
#include "workbook/testing/adaptive_probes.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
using testing::close;
using testing::KernelRun;

namespace {

// Why Adagrad with lr = 0.1, τ = 0 and a constant gradient 1 ended at x₁₀₀ = `got` instead of
// −lr·Σ_{k ≤ 100} 1/√k = −1.8589604.
std::string diagnose_constant_gradient(double got) {
  const std::string head = "x₁₀₀ = " + format_number(got, 8) + ", expected −lr·Σ 1/√k = −1.8589604";
  if (close(got, -10.0, 1e-6)) {
    // Several slips make every step lr (S not accumulating, a root of the mean S/t): the lines
    // measured tell which.
    const std::vector<std::string> lines = testing::adagrad_lines(workbook::adagrad_step);
    return head + ": every step was lr = 0.1" +
           (lines.empty() ? "; does S accumulate the squared gradients (S ← S + g²)?"
                          : testing::what_the_probes_found(lines));
  }
  if (close(got, 10.0, 1e-6) || close(got, 1.8589604, 1e-6))
    return head + ": x moved uphill; the step is θ − η g/(√S + ε)";
  return head + testing::what_the_probes_found(testing::adagrad_lines(workbook::adagrad_step));
}

// Records, after every step, each parameter's effective step size: the factor its gradient (for
// Adam: its corrected first moment m̂) is multiplied by in the step just taken.
class EffectiveSteps : public Observer {
 public:
  explicit EffectiveSteps(std::function<Vector()> current) : current_(std::move(current)) {}
  bool on_iteration(const IterationInfo& info) override {
    if (info.iteration > 0) sizes_.push_back(current_());
    return true;
  }
  // Parameter i's effective step size after each step.
  std::vector<double> of(Index i) const {
    std::vector<double> values;
    for (const Vector& size : sizes_) values.push_back(size(i));
    return values;
  }

 private:
  std::function<Vector()> current_;
  std::vector<Vector> sizes_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(adagrad_step)

//! [constant gradient]
BOOST_AUTO_TEST_CASE(
    steps_shrink_like_one_over_root_t,
    *utf::description("§5.2: with τ = 0 and a constant gradient g, S_t = t·g², so step k moves "
                      "lr·g/(√k·|g| + ε): x_t = x₀ − lr·Σ_{k≤t} 1/√k; after 100 steps "
                      "18.589604·lr")) {
  AdagradParams params;
  params.learning_rate = 0.1;
  KernelRun run(workbook::adagrad_step, params, Vector{{0.0}});
  for (int t = 1; t <= 100; ++t) run.step(1.0);
  const std::string why = diagnose_constant_gradient(run.x(0));
  BOOST_TEST_INFO(why);
  BOOST_TEST(run.x(0) == -18.589604 * 0.1, tt::tolerance(1e-7));
  const double sum = run.state.sum_of_squares(0);
  BOOST_TEST_INFO(
      "S₁₀₀ = " << format_number(sum, 12) << ", expected 100 g² = 100"
                << (sum == 100.0 ? ""
                                 : testing::lines_say(workbook::adagrad_step, AdagradParams{})()));
  BOOST_TEST(run.state.sum_of_squares(0) == 100.0, tt::tolerance(1e-15));
}
//! [constant gradient]

//! [rate]
BOOST_AUTO_TEST_CASE(
    effective_rate_falls_like_t_to_the_minus_one_half,
    *utf::description("§5.2: the effective learning rate η/(√S_t + ε) falls like t^{-1/2} when "
                      "the gradients are stationary: its log-log slope over t = 10..10 000 is −½ "
                      "for a constant gradient (to 1e-6) and for seeded N(0, 1) gradients "
                      "(to 0.02)")) {
  auto slope = [](const std::function<double(long)>& gradient) {
    KernelRun run(workbook::adagrad_step, AdagradParams{}, Vector{{0.0}});
    double early = 0.0, late = 0.0;
    for (long t = 1; t <= 10000; ++t) {
      const double g = gradient(t);
      const double moved = run.step(g);
      const double rate = -moved / g;  // the factor g was multiplied by: η/(√S_t + ε)
      if (t == 10) early = rate;
      if (t == 10000) late = rate;
    }
    return std::log(late / early) / std::log(10000.0 / 10.0);
  };
  const double constant = slope([](long) { return 0.5; });
  BOOST_TEST_INFO("slope of log rate against log t for a constant gradient: " << constant);
  BOOST_TEST(constant == -0.5, tt::tolerance(1e-6));
  std::mt19937_64 rng(17);
  std::normal_distribution<double> normal;
  const double noisy = slope([&](long) {
    double g = normal(rng);
    while (g == 0.0) g = normal(rng);
    return g;
  });
  BOOST_TEST_INFO("slope for N(0, 1) gradients: "
                  << noisy
                  << (std::abs(noisy + 0.5) <= 0.02
                          ? std::string()
                          : ", expected −½ (the sum of t squares of a stationary gradient grows "
                            "like t)" +
                                testing::lines_say(workbook::adagrad_step, AdagradParams{})()));
  BOOST_TEST(std::abs(noisy + 0.5) <= 0.02);
}
//! [rate]

//! [never forgets]
BOOST_AUTO_TEST_CASE(
    the_sum_never_forgets_large_gradients,
    *utf::description("§5.2: S_t only grows, so a phase of large gradients shrinks every later "
                      "step: with lr = 0.01, 100 gradients of 10 followed by 10⁵ gradients of "
                      "0.01 move x by 0.0999750 during the small ones, 63 times less than the "
                      "6.309968 the same 10⁵ gradients move it from a fresh start")) {
  AdagradParams params;
  params.learning_rate = 0.01;
  KernelRun burned(workbook::adagrad_step, params, Vector{{0.0}});
  for (int t = 1; t <= 100; ++t) burned.step(10.0);
  const double before = burned.x(0);
  KernelRun fresh(workbook::adagrad_step, params, Vector{{0.0}});
  for (long t = 1; t <= 100000; ++t) {
    burned.step(0.01);
    fresh.step(0.01);
  }
  const double late = before - burned.x(0), early = -fresh.x(0);
  const bool right = close(late, 0.0999750122, 1e-8) && close(early, 6.309967585, 1e-8);
  const std::string why =
      "after the large gradients the small ones moved x by " + format_number(late, 8) +
      ", from a fresh start by " + format_number(early, 8) +
      (right ? "" : testing::lines_say(workbook::adagrad_step, AdagradParams{})());
  BOOST_TEST_INFO(why);
  BOOST_TEST(late == 0.0999750122, tt::tolerance(1e-8));
  BOOST_TEST_INFO(why);
  BOOST_TEST(early == 6.309967585, tt::tolerance(1e-8));
  BOOST_TEST_INFO(why);
  BOOST_TEST(early / late == 63.115, tt::tolerance(1e-4));
}
//! [never forgets]

BOOST_AUTO_TEST_CASE(
    learning_rate_decay_and_initial_accumulator,
    *utf::description("§5.2: torch's step t uses η/(1 + (t − 1)·lr_decay), so the first step is "
                      "not decayed, and S starts at τ: with g = 1, lr = 0.1, lr_decay = 0.5, "
                      "τ = 3 the steps are 0.1/(√4 + ε) and 0.1/1.5/(√5 + ε)")) {
  AdagradParams params;
  params.learning_rate = 0.1;
  params.lr_decay = 0.5;
  params.initial_accumulator_value = 3.0;
  KernelRun run(workbook::adagrad_step, params, Vector{{0.0}});
  const double first = -run.step(1.0);
  const double s1 = run.state.sum_of_squares.size() == 1 ? run.state.sum_of_squares(0) : 0.0;
  const double second = -run.step(1.0);
  const double s2 = run.state.sum_of_squares.size() == 1 ? run.state.sum_of_squares(0) : 0.0;
  // The step size each step used, read back through θ's line from the S it stored.
  const double eta1 = first * (std::sqrt(s1) + 1e-10), eta2 = second * (std::sqrt(s2) + 1e-10);
  std::string why = "steps " + format_number(first, 8) + " and " + format_number(second, 8);
  if (!close(s1, 4.0, 1e-12)) {
    if (close(first, 0.1, 1e-8)) why += ": S must start at τ = initial_accumulator_value";
  } else if (close(eta1, 0.1 / 1.5, 1e-8)) {
    why += ": the lr decay is off by one? (no decay at t = 1: η/(1 + (t − 1)·lr_decay))";
  } else if (close(first, 0.1, 1e-8) && close(second, 0.1 / 1.5 / std::sqrt(2.0), 1e-8)) {
    why +=
        ": the steps divide by √(S − τ), the sum without its start: S₀ = τ is part of the sum "
        "the step divides by (θ ← θ − η_t·g/(√S + ε) with S = τ + Σg²), which is what damps "
        "the first steps";
  } else if (close(eta1, 0.1 / (1.0 - 0.5), 1e-8)) {
    why +=
        ": the first step used η/(1 + (t − 1)·lr_decay) = 0.2 with t = 0, the count read "
        "before it is counted; count the step first, t = ++state.t, so that t = 1 on the "
        "first step";
  } else if (close(eta1, 0.1, 1e-8) && close(eta2, 0.1 * std::exp(-0.5), 1e-8)) {
    why += ": the second step used η₂ = " + format_number(eta2, 6) +
           " = η·e^{−lr_decay}: an exponential decay η·e^{−(t − 1)·lr_decay}; §5.2's, torch's, "
           "is η/(1 + (t − 1)·lr_decay), 0.1/1.5 = 0.0667 here";
  }
  const bool right = close(first, 0.1 / (2.0 + 1e-10), 1e-13) &&
                     close(second, 0.1 / 1.5 / (std::sqrt(5.0) + 1e-10), 1e-13);
  if (!right && why.find(": ") == std::string::npos) {
    why += testing::what_the_probes_found(testing::adagrad_lines(workbook::adagrad_step));
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(first == 0.1 / (2.0 + 1e-10), tt::tolerance(1e-13));
  BOOST_TEST_INFO(why);
  BOOST_TEST(second == 0.1 / 1.5 / (std::sqrt(5.0) + 1e-10), tt::tolerance(1e-13));
}

//! [badly scaled]
BOOST_AUTO_TEST_CASE(
    per_parameter_step_sizes_on_a_badly_scaled_problem,
    *utf::label("plot") *
        utf::description("§5.1–§5.2: least squares with 100 samples and feature scales 1 and 10 "
                         "(Hessian eigenvalues 1.04 and 124.9): gradient descent needs "
                         "η < 2/λ_max, and with η = 1.8/λ_max the flat direction shrinks only "
                         "by 0.985 per step: no f < 1e-6 in 400 steps. The first gradient is "
                         "(0.92, −122.9); Adagrad, RMSprop and Adam "
                         "give the flat parameter an effective step 50 to 200 times the steep "
                         "one's (the order of λ_max/λ_min) and reach f < 1e-6 within 200 steps")) {
  const LeastSquares problem = LeastSquares::badly_scaled(100, Vector{{1.0, 10.0}}, 0);
  const Vector lambda = symmetric_eigen(problem.hessian(problem.default_start())).eigenvalues;
  const double lambda_min = lambda(0), lambda_max = lambda(1);
  BOOST_TEST(lambda_min == 1.04, tt::tolerance(0.01));
  BOOST_TEST(lambda_max == 124.9, tt::tolerance(0.001));
  BOOST_TEST(1.0 - 1.8 * lambda_min / lambda_max == 0.985, tt::tolerance(0.001));
  // The first gradient: the steep coordinate's is more than 100 times the flat one's.
  Vector g0;
  problem.gradient(problem.default_start(), g0);
  BOOST_TEST_INFO("∇f(w₀) = " << format_vector(g0));
  BOOST_TEST(std::abs(g0(1)) > 100.0 * std::abs(g0(0)));

  const Vector w0 = problem.default_start();
  StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.max_iterations = 400;
  const auto steps_to = [](const std::vector<TracePoint>& points, double target) {
    for (const TracePoint& point : points)
      if (point.loss < target) return point.iteration;
    return -1L;
  };

  auto gd = gradient_descent_rule({1.8 / lambda_max});
  auto adagrad = adagrad_rule(AdagradParams{.learning_rate = 0.5});
  auto rmsprop = rmsprop_rule(RMSpropParams{.learning_rate = 0.01});
  auto adam = adam_rule(AdamParams{.learning_rate = 0.05});

  EffectiveSteps gd_sizes([&] { return Vector::Constant(2, gd.params().learning_rate); });
  EffectiveSteps adagrad_sizes([&] {
    return Vector((0.5 / (adagrad.state().sum_of_squares.array().sqrt() + 1e-10)).matrix());
  });
  EffectiveSteps rmsprop_sizes([&] {
    return Vector((0.01 / (rmsprop.state().square_average.array().sqrt() + 1e-8)).matrix());
  });
  EffectiveSteps adam_sizes([&] {
    const double t = static_cast<double>(adam.state().t);
    const double c1 = 1.0 - std::pow(0.9, t), c2 = 1.0 - std::pow(0.999, t);
    return Vector((0.05 / c1 / (adam.state().v.array().sqrt() / std::sqrt(c2) + 1e-8)).matrix());
  });

  std::vector<plot::LabelledTrace> runs;
  std::vector<long> reached;
  struct Run {
    UpdateRule& rule;
    EffectiveSteps& sizes;
    std::string label;
  };
  for (const Run& r :
       {Run{gd, gd_sizes, "GD, η = 1.8/λ_max"}, Run{adagrad, adagrad_sizes, "Adagrad"},
        Run{rmsprop, rmsprop_sizes, "RMSprop"}, Run{adam, adam_sizes, "Adam"}}) {
    TraceRecorder trace;
    minimize(problem, r.rule, w0, stopping, {&trace, &r.sizes});
    runs.push_back({r.label, trace.points()});
    reached.push_back(steps_to(trace.points(), 1e-6));
    BOOST_TEST_MESSAGE(r.label << ": f < 1e-6 after " << reached.back() << " steps");
  }
  BOOST_TEST_INFO("gradient descent reached f < 1e-6 after " << reached[0] << " steps");
  BOOST_TEST(reached[0] == -1);
  for (std::size_t k = 1; k < reached.size(); ++k) {
    BOOST_TEST_INFO(runs[k].label << " reached f < 1e-6 after " << reached[k] << " steps");
    BOOST_TEST((reached[k] > 0 && reached[k] <= 200));
  }
  // The ratio of the two parameters' effective steps, late in the run.
  for (const EffectiveSteps* sizes : {&adagrad_sizes, &rmsprop_sizes, &adam_sizes}) {
    const double ratio = sizes->of(0)[99] / sizes->of(1)[99];
    BOOST_TEST_INFO(
        "effective step of the flat parameter / the steep one after 100 steps: " << ratio);
    BOOST_TEST((ratio >= 50.0 && ratio <= 200.0));
  }

  std::vector<double> k_axis;
  for (int k = 1; k <= 400; ++k) k_axis.push_back(k);
  plot::Figure sizes("Effective step size per parameter, least squares with scales 1 and 10");
  sizes.x_label("step k").y_label("effective step size").log_y();
  const std::pair<const EffectiveSteps*, std::string> curves[] = {{&gd_sizes, "GD"},
                                                                  {&adagrad_sizes, "Adagrad"},
                                                                  {&rmsprop_sizes, "RMSprop"},
                                                                  {&adam_sizes, "Adam"}};
  for (const auto& [recorded, label] : curves) {
    sizes.add(label + ", w₁ (scale 1)", k_axis, recorded->of(0));
    sizes.add(label + ", w₂ (scale 10)", k_axis, recorded->of(1), plot::Style::dashed);
  }
  testing::draw(sizes, "ch05_effective_steps");
  testing::draw(plot::convergence_figure("Least squares with feature scales 1 and 10", runs,
                                         plot::Measure::loss_gap, 0.0),
                "ch05_least_squares_loss");
}
//! [badly scaled]

//! [rotated]
// A diagonal preconditioner rescales coordinates; it cannot turn the eigen-directions of a rotated
// matrix back onto the axes. The best it can do with A is D = diag(A): for diag(1, 100) that
// leaves D^{-1/2} A D^{-1/2} = I (κ = 1); rotated by 45° the diagonal is (50.5, 50.5), a multiple of
// I, and the scaled matrix keeps κ = 100. Adagrad, whose √S plays D's part, feels the difference
// (measured: 268, 40 and 14 steps axis-aligned against 15 251, 2766 and 902 rotated).
BOOST_AUTO_TEST_CASE(
    a_diagonal_preconditioner_cannot_undo_a_rotation,
    *utf::description("§5.2: diag(1, 100) and the same matrix rotated by 45°: scaling by the "
                      "diagonal gives κ = 1 and κ = 100; from (0.8, −0.37) Adagrad with lr = 0.1, "
                      "0.3 and 1 reaches f ≤ 1e-12 at least 30 times faster on the axis-aligned "
                      "one")) {
  const double c = std::sqrt(0.5);
  const Matrix rotation{{c, -c}, {c, c}};
  const Matrix aligned = Vector{{1.0, 100.0}}.asDiagonal();
  const Matrix rotated = rotation * aligned * rotation.transpose();
  auto scaled_condition_number = [](const Matrix& A) {
    const Vector d = A.diagonal().cwiseSqrt().cwiseInverse();
    const Vector lambda = symmetric_eigen(d.asDiagonal() * A * d.asDiagonal()).eigenvalues;
    return lambda(1) / lambda(0);
  };
  BOOST_TEST(scaled_condition_number(aligned) == 1.0, tt::tolerance(1e-14));
  BOOST_TEST(scaled_condition_number(rotated) == 100.0, tt::tolerance(1e-12));

  const Quadratic axis(aligned, Vector::Zero(2)), turned(rotated, Vector::Zero(2));
  const Vector x0{{0.8, -0.37}};
  auto steps_to_reach = [&x0](const Quadratic& problem, double learning_rate) {
    auto adagrad = adagrad_rule({.learning_rate = learning_rate});
    StopWhen small([](const IterationInfo& info) { return info.loss <= 1e-12; }, "f <= 1e-12");
    StoppingRules stopping;
    stopping.gradient_tolerance = 0.0;
    stopping.max_iterations = 200000;
    const Result result = minimize(problem, adagrad, x0, stopping, {&small});
    BOOST_TEST_REQUIRE(result.reason == StopReason::stopped_by_observer, result.message);
    return result.iterations;
  };
  for (const double learning_rate : {0.1, 0.3, 1.0}) {
    const long fast = steps_to_reach(axis, learning_rate);
    const long slow = steps_to_reach(turned, learning_rate);
    BOOST_TEST_MESSAGE("lr = " << learning_rate << ": " << fast << " steps axis-aligned, " << slow
                               << " rotated");
    BOOST_TEST(slow >= 30 * fast, "lr = " << learning_rate << ": " << fast
                                          << " steps axis-aligned, " << slow << " rotated");
  }
}
//! [rotated]

BOOST_AUTO_TEST_CASE(
    iterates_equal_torch_adagrad,
    *utf::description("§5.10: on the quadratic and Rosenbrock, for every combination of lr, "
                      "lr_decay, initial_accumulator_value, weight_decay and eps in the grid (64 "
                      "runs of 30 steps), the iterates equal torch.optim 1.13's to 1e-10 "
                      "relative")) {
  BOOST_TEST(golden::check_replays(golden::read("torch_adagrad.csv"), {}, 1e-10,
                                   testing::lines_say(workbook::adagrad_step, AdagradParams{})) ==
             64);
}

BOOST_AUTO_TEST_CASE(
    conventions_pinned_by_formula_goldens,
    *utf::description("§5.10: fed the same 40 gradients, Adagrad follows the formulas to 1e-10; "
                      "ε inside the root, the lr decay counted from t instead of t − 1, or S "
                      "started at 0 instead of τ move the iterates by more than 1e-6")) {
  BOOST_TEST(golden::check_formula_family(
                 golden::formula_family({"adagrad"}),
                 testing::lines_say(workbook::adagrad_step, AdagradParams{})) == 2);
}

BOOST_AUTO_TEST_CASE(keeps_what_every_adaptive_step_keeps,
                     *utf::description(testing::every_adaptive_step_keeps)) {
  testing::check_probes(workbook::adagrad_step, AdagradParams{}, testing::adagrad_shape());
}

BOOST_AUTO_TEST_SUITE_END()
