// Chapter 4: the claims of the notes about curvature, and their figures. Every case runs a graded
// function of the chapter (the Newton direction, the Hessian–vector product, the exact step or the
// CG step) and sits in that exercise's suite, in a suite of its own claim.
#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <cmath>
#include <limits>
#include <numeric>

#include "workbook/classification.hpp"
#include "workbook/curvature.hpp"
#include "workbook/data.hpp"
#include "workbook/gradient_descent.hpp"
#include "workbook/poisson.hpp"
#include "workbook/problems.hpp"
#include "workbook/quasi_newton.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

std::vector<double> range(double first, std::size_t count, double step = 1.0) {
  std::vector<double> values(count);
  for (std::size_t i = 0; i < count; ++i) values[i] = first + step * static_cast<double>(i);
  return values;
}

// The least-squares slope of log y against log x.
double log_log_slope(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double u = std::log(x[i]), v = std::log(y[i]);
    sx += u;
    sy += v;
    sxx += u * u;
    sxy += u * v;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

double kappa_of(const Matrix& symmetric) {
  const Vector lambda = Eigen::SelfAdjointEigenSolver<Matrix>(symmetric).eigenvalues();
  return lambda.maxCoeff() / lambda.minCoeff();
}

// f(x) = eˣ − 2x, minimised at x* = ln 2 (claims 22 of the literature's list).
class ExpMinusLinear final : public Problem {
 public:
  std::string name() const override { return "exp(x) - 2x"; }
  Index dimension() const override { return 1; }
  double value(const Vector& x) const override { return std::exp(x(0)) - 2.0 * x(0); }
  void gradient(const Vector& x, Vector& g) const override { g = Vector{{std::exp(x(0)) - 2.0}}; }
  bool has_hessian() const override { return true; }
  Matrix hessian(const Vector& x) const override { return Matrix{{std::exp(x(0))}}; }
  Vector default_start() const override { return Vector{{2.0}}; }
  std::vector<Vector> minimisers() const override { return {Vector{{std::log(2.0)}}}; }
};

// g(y) = f(Ty): the same problem in other coordinates, x = Ty.
class Transformed final : public Problem {
 public:
  Transformed(const Problem& problem, Matrix T) : problem_(problem), T_(std::move(T)) {}
  std::string name() const override { return problem_.name() + " (transformed)"; }
  Index dimension() const override { return problem_.dimension(); }
  double value(const Vector& y) const override { return problem_.value(T_ * y); }
  void gradient(const Vector& y, Vector& g) const override {
    Vector gx;
    problem_.gradient(T_ * y, gx);
    g = T_.transpose() * gx;  // ∇g(y) = Tᵀ∇f(Ty)
  }
  bool has_hessian() const override { return true; }
  Matrix hessian(const Vector& y) const override {
    return T_.transpose() * problem_.hessian(T_ * y) * T_;  // ∇²g(y) = Tᵀ∇²f(Ty)T
  }
  Vector default_start() const override {
    return T_.partialPivLu().solve(problem_.default_start());
  }

 private:
  const Problem& problem_;
  Matrix T_;
};

// f(x, y) = x² + y⁴/4 − y²/2: minima (0, ±1), a saddle at (0, 0); ∇²f = diag(2, 3y² − 1) is
// indefinite for |y| < 1/√3.
class DoubleWell final : public Problem {
 public:
  std::string name() const override { return "double well"; }
  Index dimension() const override { return 2; }
  double value(const Vector& x) const override {
    return x(0) * x(0) + std::pow(x(1), 4) / 4.0 - x(1) * x(1) / 2.0;
  }
  void gradient(const Vector& x, Vector& g) const override {
    g = Vector{{2.0 * x(0), std::pow(x(1), 3) - x(1)}};
  }
  bool has_hessian() const override { return true; }
  Matrix hessian(const Vector& x) const override {
    return Matrix{{2.0, 0.0}, {0.0, 3.0 * x(1) * x(1) - 1.0}};
  }
  Vector default_start() const override { return Vector{{1.0, 0.3}}; }
  std::vector<Vector> minimisers() const override {
    return {Vector{{0.0, 1.0}}, Vector{{0.0, -1.0}}};
  }
  Box plot_box() const override { return {-1.2, 1.2, -1.5, 1.5}; }
};

// A quadratic ½xᵀAx − bᵀx with the given eigenvalues (rotated by `seed`) and a random b.
Quadratic quadratic_with(const Vector& eigenvalues, std::uint64_t seed) {
  const Quadratic base = Quadratic::with_spectrum(eigenvalues, seed);
  Random random(seed + 100);
  Vector b(eigenvalues.size());
  for (Index i = 0; i < b.size(); ++i) b(i) = random.normal();
  return Quadratic(base.A(), b);
}

Vector geometric(Index n, double kappa) {
  Vector lambda(n);
  for (Index i = 0; i < n; ++i) lambda(i) = std::pow(kappa, double(i) / double(n - 1));
  return lambda;
}

// Iterations of `rule` on `problem` from its default start until ‖∇f‖ ≤ tolerance·‖∇f(x₀)‖.
Result run_to_relative_gradient(const Problem& problem, UpdateRule& rule, double tolerance,
                                long budget, TraceRecorder* trace = nullptr) {
  StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.relative_gradient_tolerance = tolerance;
  stopping.max_iterations = budget;
  std::vector<Observer*> observers;
  if (trace != nullptr) observers.push_back(trace);
  return minimize(problem, rule, problem.default_start(), stopping, observers);
}

// Ends a run once ‖x_k − x*‖ ≤ tolerance·‖x₀ − x*‖.
class StopNearMinimiser final : public Observer {
 public:
  StopNearMinimiser(Vector minimiser, double tolerance)
      : minimiser_(std::move(minimiser)), tolerance_(tolerance) {}
  bool on_iteration(const IterationInfo& info) override {
    const double error = (info.x - minimiser_).norm();
    if (info.iteration == 0) start_ = error;
    return error > tolerance_ * start_;
  }
  std::string stop_message() const override { return "near x*"; }

 private:
  Vector minimiser_;
  double tolerance_, start_ = 0.0;
};

// Steps of `rule` on the quadratic `problem` from its default start until
// ‖x_k − x*‖ ≤ tolerance·‖x₀ − x*‖ (at most `budget`).
double iterations_to_error(const Quadratic& problem, UpdateRule& rule, double tolerance,
                           long budget) {
  StopNearMinimiser near(problem.minimisers().front(), tolerance);
  StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.max_iterations = budget;
  const Result result = minimize(problem, rule, problem.default_start(), stopping, {&near});
  return static_cast<double>(result.iterations);
}

}  // namespace

// ==================================================================================== §4.1–4.2

BOOST_AUTO_TEST_SUITE(newton_direction)
BOOST_AUTO_TEST_SUITE(newton_s_method)

//! [quadratic convergence]
BOOST_AUTO_TEST_CASE(
    quadratic_convergence_on_exp_minus_linear,
    *utf::label("plot") *
        utf::description("§4.1: Newton on f = eˣ − 2x from x₀ = 2: errors e₀ … e₅ = 1.307, 0.5775, "
                         "0.1388, 9.203e-3, 4.222e-5, 8.913e-10 (to 1e-3 relative); e₅/e₄² = "
                         "f‴/(2f″) = ½ to 1e-3; Newton for a root of f itself never converges "
                         "(f ≥ 2 − 2 ln 2 > 0 has none)")) {
  const ExpMinusLinear problem;
  NewtonRule newton = newton_rule();
  TraceRecorder trace;
  testing::run_steps(problem, newton, problem.default_start(), 5, &trace);
  const double x_star = std::log(2.0);
  std::vector<double> errors;
  for (const Vector& x : trace.iterates()) errors.push_back(std::abs(x(0) - x_star));
  const std::vector<double> expected = {1.307, 0.5775, 0.1388, 9.203e-3, 4.222e-5, 8.913e-10};
  BOOST_TEST_REQUIRE(errors.size() == expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    BOOST_TEST_INFO("e_" << k << " = " << errors[k]);
    BOOST_TEST(errors[k] == expected[k], tt::tolerance(1e-3));
  }
  // The ratio e_{k+1}/e_k² settles at f‴(x*)/(2f″(x*)) = e^{x*}/(2e^{x*}) = ½.
  const double ratio = errors[5] / (errors[4] * errors[4]);
  BOOST_TEST(ratio == 0.5, tt::tolerance(1e-3));

  // The figure: correct digits, −log₁₀ e_k, gained by Newton and by gradient descent (η = ½,
  // the best fixed step at x*, where f'' = 2).
  GradientDescentRule gd = gradient_descent_rule({.learning_rate = 0.5});
  TraceRecorder gd_trace;
  testing::run_steps(problem, gd, problem.default_start(), 12, &gd_trace);
  std::vector<double> newton_digits, gd_digits;
  for (double e : errors) newton_digits.push_back(-std::log10(e));
  for (const Vector& x : gd_trace.iterates())
    gd_digits.push_back(-std::log10(std::abs(x(0) - x_star)));
  testing::draw(plot::Figure("Correct digits of x* = ln 2 on f = eˣ − 2x, from x₀ = 2")
                    .x_label("k")
                    .y_label("correct digits, −log₁₀ |x_k − x*|")
                    .add("Newton: the digits double", range(0, newton_digits.size()), newton_digits,
                         plot::Style::lines_points)
                    .add("gradient descent, η = ½: a few per step", range(0, gd_digits.size()),
                         gd_digits, plot::Style::lines_points),
                "ch04_newton_digits");

  // Newton for a root of f: x ← x − f(x)/f'(x). f has no root, so the iteration wanders.
  double x = 2.0, smallest = std::numeric_limits<double>::infinity();
  for (int k = 0; k < 50; ++k) {
    x -= (std::exp(x) - 2.0 * x) / (std::exp(x) - 2.0);
    smallest = std::min(smallest, std::abs(std::exp(x) - 2.0 * x));
  }
  BOOST_TEST(smallest >= 2.0 - 2.0 * std::log(2.0) - 1e-12);
}
//! [quadratic convergence]

BOOST_AUTO_TEST_CASE(
    affine_invariance,
    *utf::description("§4.1: damped Newton on Rosenbrock and on g(y) = f(Ty), T a rotation times "
                      "diag(10, 0.1), takes the same steps (x_k = Ty_k to 1e-8) and the same "
                      "number of them; gradient descent with Armijo backtracking converges on f "
                      "(‖∇f‖ ≤ 1e-6) within 20000 steps, and not on f(Ty)")) {
  const Rosenbrock rosenbrock(2);
  const double c = std::cos(0.5), s = std::sin(0.5);
  const Matrix T = Matrix{{c, -s}, {s, c}} * Vector{{10.0, 0.1}}.asDiagonal();
  const Transformed transformed(rosenbrock, T);
  NewtonRule newton = newton_rule({.line_search = true});
  TraceRecorder in_x, in_y;
  StoppingRules stopping;
  stopping.gradient_tolerance = 1e-10;
  stopping.max_iterations = 200;
  const Result rx = minimize(rosenbrock, newton, rosenbrock.default_start(), stopping, {&in_x});
  const Result ry = minimize(transformed, newton, transformed.default_start(), stopping, {&in_y});
  BOOST_TEST(rx.converged(), rx.message);
  BOOST_TEST(std::abs(rx.iterations - ry.iterations) <= 1,
             "Newton: " << rx.iterations << " steps on f, " << ry.iterations << " on f(Ty)");
  const auto xs = in_x.iterates(), ys = in_y.iterates();
  for (std::size_t k = 0; k < std::min<std::size_t>(xs.size(), ys.size()) && k < 15; ++k) {
    const double gap = (xs[k] - T * ys[k]).norm() / std::max(1.0, xs[k].norm());
    BOOST_TEST(gap < 1e-8, "step " << k << ": |x_k − Ty_k| = " << gap);
  }
  GradientDescentArmijoRule gd = gradient_descent_armijo_rule();
  stopping.max_iterations = 20000;
  stopping.gradient_tolerance = 1e-6;
  const Result gx = minimize(rosenbrock, gd, rosenbrock.default_start(), stopping);
  const Result gy = minimize(transformed, gd, transformed.default_start(), stopping);
  BOOST_TEST_MESSAGE("gradient descent with Armijo: " << gx.iterations << " steps on f, "
                                                      << gy.iterations << " on f(Ty)");
  BOOST_TEST(gx.converged(), gx.message);
  BOOST_TEST(!gy.converged(), gy.message);
}

//! [saddle]
BOOST_AUTO_TEST_CASE(
    a_saddle_attracts_newton_and_the_fixes,
    *utf::label("plot") *
        utf::description(
            "§4.2: on f = x² + y⁴/4 − y²/2 from (1, 0.3), where ∇²f is indefinite, the "
            "raw Newton iteration x − H⁻¹g converges to the saddle (0, 0); plain Newton "
            "stops with a breakdown; Levenberg–Marquardt and the eigenvalue modification "
            "(damped) reach a minimum (0, ±1)")) {
  const DoubleWell problem;
  std::vector<Vector> raw = {problem.default_start()};
  for (int k = 0; k < 8; ++k) {
    Vector g;
    problem.gradient(raw.back(), g);
    raw.push_back(raw.back() + problem.hessian(raw.back()).ldlt().solve(-g));  // no check on H
  }
  BOOST_TEST(raw.back().norm() < 1e-12, "the raw iteration ended at " << raw.back().transpose());

  NewtonRule plain = newton_rule();
  const Result stopped = minimize(problem, plain, problem.default_start());
  BOOST_TEST(stopped.reason == StopReason::breakdown, stopped.message);
  BOOST_TEST_MESSAGE("plain Newton: " << stopped.message);

  std::vector<plot::LabelledTrace> runs = {{"Newton without a check: to the saddle", {}}};
  for (const Vector& x : raw) runs.front().points.push_back({0, problem.value(x), 0.0, 0.0, x});
  for (HessianModification modification :
       {HessianModification::levenberg_marquardt, HessianModification::eigenvalue}) {
    NewtonRule fixed = newton_rule({.line_search = true, .modification = modification});
    TraceRecorder trace;
    const Result result = minimize(problem, fixed, problem.default_start(), {}, {&trace});
    BOOST_TEST(result.converged(), result.message);
    BOOST_TEST(std::abs(result.x(1)) == 1.0, tt::tolerance(1e-8));
    BOOST_TEST_MESSAGE(to_string(modification)
                       << ": " << result.message << " at " << result.x.transpose());
    runs.push_back({"modified Newton (" + to_string(modification) + ")", trace.points()});
  }
  testing::draw(
      plot::trajectory_figure("Newton near a saddle: f = x² + y⁴/4 − y²/2", problem, runs),
      "ch04_saddle");
}
//! [saddle]

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(condition_number)

//! [iterations against kappa]
BOOST_AUTO_TEST_CASE(
    gradient_descent_iterations_grow_like_kappa,
    *utf::label("plot") *
        utf::description(
            "§4.5: on quadratics with n = 10 and κ = 10, 10², 10³, 10⁴, gradient "
            "descent with η = 1/L needs iterations ∝ κ (log-log slope 1 ± 0.1) to reduce "
            "‖x − x*‖ by 10⁶, steepest descent with exact steps too, CG about n = 10 "
            "whatever κ (at most n + 3: rounding), Newton one step")) {
  const std::vector<double> kappas = {10.0, 100.0, 1000.0, 10000.0};
  std::vector<double> gd, sd, cg, newton;
  for (double kappa : kappas) {
    const Quadratic problem = quadratic_with(geometric(10, kappa), 31);
    GradientDescentRule g = gradient_descent_rule({.learning_rate = 1.0 / problem.smoothness()});
    SteepestDescentRule steepest = steepest_descent_rule();
    ConjugateGradientRule conjugate = conjugate_gradient_rule();
    NewtonRule n = newton_rule();
    gd.push_back(iterations_to_error(problem, g, 1e-6, 1000000));
    sd.push_back(iterations_to_error(problem, steepest, 1e-6, 1000000));
    cg.push_back(iterations_to_error(problem, conjugate, 1e-6, 1000));
    newton.push_back(iterations_to_error(problem, n, 1e-6, 10));
  }
  for (std::size_t i = 0; i < kappas.size(); ++i) {
    BOOST_TEST_MESSAGE("κ = " << kappas[i] << ": gd " << gd[i] << ", sd " << sd[i] << ", cg "
                              << cg[i] << ", newton " << newton[i]);
  }
  const double slope = log_log_slope(kappas, gd);
  BOOST_TEST(slope == 1.0, tt::tolerance(0.1));
  BOOST_TEST(log_log_slope(kappas, sd) == 1.0, tt::tolerance(0.15));
  for (std::size_t i = 0; i < kappas.size(); ++i) {
    BOOST_TEST_INFO("κ = " << kappas[i] << ": gd " << gd[i] << ", sd " << sd[i] << ", cg " << cg[i]
                           << ", newton " << newton[i]);
    BOOST_TEST(cg[i] <= 13.0);
    BOOST_TEST(newton[i] == 1.0);
  }
  testing::draw(plot::Figure("Iterations to reduce ‖x − x*‖ by 10⁶, n = 10")
                    .x_label("condition number κ")
                    .y_label("iterations")
                    .log_x()
                    .log_y()
                    .add("gradient descent, η = 1/L", kappas, gd, plot::Style::lines_points)
                    .add("steepest descent, exact steps", kappas, sd, plot::Style::lines_points)
                    .add("conjugate gradients", kappas, cg, plot::Style::lines_points)
                    .add("Newton", kappas, newton, plot::Style::lines_points),
                "ch04_iterations_against_kappa");
}
//! [iterations against kappa]

//! [standardising]
BOOST_AUTO_TEST_CASE(
    standardising_features_changes_kappa_not_newton,
    *utf::description("§4.5: logistic regression on breast cancer (λ = 10⁻³): the Hessian at θ = 0 "
                      "has κ ≈ 10¹⁰ on the raw features and ≈ 10³ standardised; damped Newton "
                      "reaches ‖∇f‖ ≤ 1e-8 on both in about the same number of steps")) {
  const Split raw_split = stratified_split(load_csv(data_file("breast_cancer.csv")));
  const Split standard_split = standardised_split("breast_cancer.csv");
  const LogisticRegression raw(raw_split.train, 1e-3), standard(standard_split.train, 1e-3);
  const double kappa_raw = kappa_of(raw.hessian(raw.default_start()));
  const double kappa_standard = kappa_of(standard.hessian(standard.default_start()));
  BOOST_TEST_MESSAGE("κ at θ = 0: raw " << format_number(kappa_raw) << ", standardised "
                                        << format_number(kappa_standard));
  BOOST_TEST(kappa_raw > 1e3 * kappa_standard);
  NewtonRule newton = newton_rule({.line_search = true});
  StoppingRules stopping;
  stopping.gradient_tolerance = 1e-8;
  stopping.max_iterations = 100;
  const Result on_raw = minimize(raw, newton, raw.default_start(), stopping);
  const Result on_standard = minimize(standard, newton, standard.default_start(), stopping);
  BOOST_TEST(on_raw.converged(), on_raw.message);
  BOOST_TEST(on_standard.converged(), on_standard.message);
  BOOST_TEST_MESSAGE("Newton: " << on_raw.iterations << " steps on the raw features, "
                                << on_standard.iterations << " standardised");
  BOOST_TEST(std::abs(on_raw.iterations - on_standard.iterations) <= 10);
}
//! [standardising]

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()

// ========================================================================================= §4.3

BOOST_AUTO_TEST_SUITE(hessian_vector_product)
BOOST_AUTO_TEST_SUITE(differences_of_gradients)

//! [error against h]
BOOST_AUTO_TEST_CASE(
    the_error_against_h,
    *utf::label("plot") *
        utf::description(
            "§4.3: the central difference of gradients on Rosenbrock (n = 10): the error "
            "falls like h² and then rises like ε/h, least near h ≈ ε^{1/3}; the "
            "exercise's choice of h comes within 10× of the best h of the sweep")) {
  const Rosenbrock problem(10);
  Random random(3);
  Vector x(10), v(10);
  for (Index i = 0; i < 10; ++i) {
    x(i) = 1.0 + 0.5 * random.normal();
    v(i) = random.normal();
  }
  const Vector exact = problem.hessian(x) * v;
  const double scale = problem.hessian(x).norm() * v.norm();
  auto gradient = [&](const Vector& y) {
    Vector g;
    problem.gradient(y, g);
    return g;
  };
  std::vector<double> hs, errors;
  for (int e = -12; e <= -1; ++e) {
    for (double m : {1.0, 3.0}) {
      const double h = m * std::pow(10.0, e);
      const Vector u = v / v.norm();
      const Vector approximation = (gradient(x + h * u) - gradient(x - h * u)) * v.norm() / (2 * h);
      hs.push_back(h);
      errors.push_back((approximation - exact).norm() / scale);
    }
  }
  const auto best = std::min_element(errors.begin(), errors.end()) - errors.begin();
  BOOST_TEST_MESSAGE("best h of the sweep " << hs[best] << ", error " << errors[best]);
  BOOST_TEST(hs[best] >= 1e-7);
  BOOST_TEST(hs[best] <= 1e-4);
  const Vector chosen = workbook::hessian_vector_by_differences(gradient, x, v);
  const double chosen_error = (chosen - exact).norm() / scale;
  BOOST_TEST(
      chosen_error <= 10.0 * errors[best] + 1e-14,
      "the exercise's product has error " << chosen_error << ", the sweep's best " << errors[best]);
  testing::draw(plot::Figure("Central difference of gradients on Rosenbrock, n = 10")
                    .x_label("h")
                    .y_label("‖error‖ / (‖∇²f‖‖v‖)")
                    .log_x()
                    .log_y()
                    .add("error", hs, errors, plot::Style::lines_points)
                    .add("the exercise's h",
                         {std::cbrt(std::numeric_limits<double>::epsilon()) *
                          (1.0 + x.cwiseAbs().maxCoeff())},
                         {chosen_error}, plot::Style::points),
                "ch04_hessian_vector_error");
}
//! [error against h]

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()

// ========================================================================================= §4.5

BOOST_AUTO_TEST_SUITE(exact_line_search)
BOOST_AUTO_TEST_SUITE(steepest_descent)

//! [zigzag]
BOOST_AUTO_TEST_CASE(
    the_zigzag_from_the_worst_start,
    *utf::label("plot") *
        utf::description(
            "§4.5: on f = ½(x² + κy²) from x₀ = (κ, 1) steepest descent's iterates are "
            "x_k = ((κ−1)/(κ+1))ᵏ (κ, (−1)ᵏ) (to 1e-12), f shrinks by 0.669421 per step "
            "for κ = 10 and 0.960788 for κ = 100; CG lands on x* in 2 steps")) {
  for (const auto& [kappa, ratio] : {std::pair{10.0, 0.669421}, std::pair{100.0, 0.960788}}) {
    const Quadratic problem = Quadratic::diagonal(Vector{{1.0, kappa}});
    SteepestDescentRule rule = steepest_descent_rule();
    TraceRecorder trace;
    testing::run_steps(problem, rule, Vector{{kappa, 1.0}}, 12, &trace);
    const auto xs = trace.iterates();
    const double q = (kappa - 1.0) / (kappa + 1.0);
    for (std::size_t k = 0; k < xs.size(); ++k) {
      const Vector predicted = std::pow(q, double(k)) * Vector{{kappa, k % 2 == 0 ? 1.0 : -1.0}};
      BOOST_TEST((xs[k] - predicted).norm() <= 1e-12 * predicted.norm(),
                 "κ = " << kappa << ", k = " << k << ": x_k = " << xs[k].transpose());
    }
    const auto f = trace.losses();
    BOOST_TEST(f[1] / f[0] == ratio, tt::tolerance(1e-6));
  }
  // The figure: κ = 10, steepest descent and CG from the same start.
  const Quadratic problem = Quadratic::diagonal(Vector{{1.0, 10.0}});
  const Vector x0{{10.0, 1.0}};
  SteepestDescentRule steepest = steepest_descent_rule();
  ConjugateGradientRule cg = conjugate_gradient_rule();
  TraceRecorder sd_trace, cg_trace;
  testing::run_steps(problem, steepest, x0, 12, &sd_trace);
  const Result cg_result = testing::run_steps(problem, cg, x0, 2, &cg_trace);
  BOOST_TEST(cg_result.x.norm() < 1e-12, "CG after 2 steps: " << cg_result.x.transpose());
  testing::draw(
      plot::trajectory_figure("Exact steps zig-zag; conjugate gradients take two", problem,
                              {{"steepest descent, exact steps", sd_trace.points()},
                               {"conjugate gradients", cg_trace.points()}},
                              Box{-2.0, 11.0, -3.0, 3.0}),
      "ch04_zigzag");
}
//! [zigzag]

//! [four methods]
BOOST_AUTO_TEST_CASE(
    four_methods_at_kappa_1000,
    *utf::label("plot") *
        utf::description(
            "§4.5–4.6: on a quadratic with n = 100 and κ = 10³: Newton is at x* after one "
            "step (f − f* ≤ 1e-12 of f₀ − f*), CG after 150 steps, while steepest "
            "descent and gradient descent are still above 1e-4 of f₀ − f*")) {
  const Quadratic problem = quadratic_with(geometric(100, 1e3), 41);
  const double f_star = *problem.minimum();
  std::vector<plot::LabelledTrace> runs;
  GradientDescentRule gd = gradient_descent_rule({.learning_rate = 1.0 / problem.smoothness()});
  SteepestDescentRule sd = steepest_descent_rule();
  ConjugateGradientRule cg = conjugate_gradient_rule();
  NewtonRule newton = newton_rule();
  std::vector<std::pair<std::string, UpdateRule*>> rules = {{"gradient descent, η = 1/L", &gd},
                                                            {"steepest descent", &sd},
                                                            {"conjugate gradients", &cg},
                                                            {"Newton", &newton}};
  std::vector<double> gaps;
  for (auto& [label, rule] : rules) {
    TraceRecorder trace;
    testing::run_steps(problem, *rule, problem.default_start(), rule == &newton ? 1 : 150, &trace);
    runs.push_back({label, trace.points()});
    const auto f = trace.losses();
    gaps.push_back((f.back() - f_star) / (f[0] - f_star));
  }
  BOOST_TEST_MESSAGE("(f − f*)/(f₀ − f*) after 150 steps: gd "
                     << gaps[0] << ", sd " << gaps[1] << ", cg " << gaps[2]
                     << "; after one Newton step " << gaps[3]);
  BOOST_TEST(gaps[0] > 1e-4);
  BOOST_TEST(gaps[1] > 1e-4);
  BOOST_TEST(gaps[2] < 1e-12);
  BOOST_TEST(gaps[3] < 1e-12);
  testing::draw(plot::convergence_figure("A quadratic with n = 100 and κ = 10³", runs,
                                         plot::Measure::loss_gap, f_star),
                "ch04_four_methods");
}
//! [four methods]

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()

// ===================================================================================== §4.6–4.7

BOOST_AUTO_TEST_SUITE(conjugate_gradient)
BOOST_AUTO_TEST_SUITE(conjugate_gradients)

//! [a-norm bound]
BOOST_AUTO_TEST_CASE(
    the_a_norm_error_and_its_bound,
    *utf::label("plot") *
        utf::description(
            "§4.6: A = diag(linspace(1, 100, 200)), x* = 1, x₀ = 0: ‖e_k‖_A/‖e₀‖_A at "
            "k = 5, 10, 20, 40 is 4.71e-2, 1.39e-2, 2.30e-3, 3.73e-5 (to 1 %), below the "
            "bound 2((√κ−1)/(√κ+1))ᵏ at every k")) {
  const Vector lambda = Vector::LinSpaced(200, 1.0, 100.0);
  const Matrix A = lambda.asDiagonal();
  const Quadratic problem(A, A * Vector::Ones(200));
  ConjugateGradientRule cg = conjugate_gradient_rule();
  TraceRecorder trace;
  testing::run_steps(problem, cg, Vector::Zero(200), 40, &trace);
  const auto xs = trace.iterates();
  auto a_norm = [&](const Vector& e) { return std::sqrt(e.dot(lambda.cwiseProduct(e))); };
  const double e0 = a_norm(-Vector::Ones(200));
  const double q = (std::sqrt(100.0) - 1.0) / (std::sqrt(100.0) + 1.0);
  std::vector<double> ratios, bounds;
  for (std::size_t k = 0; k < xs.size(); ++k) {
    ratios.push_back(a_norm(xs[k] - Vector::Ones(200)) / e0);
    bounds.push_back(2.0 * std::pow(q, double(k)));
    BOOST_TEST(ratios[k] <= bounds[k], "k = " << k);
  }
  const std::vector<std::pair<int, double>> expected = {
      {5, 4.71e-2}, {10, 1.39e-2}, {20, 2.30e-3}, {40, 3.73e-5}};
  for (const auto& [k, value] : expected) {
    BOOST_TEST_INFO("k = " << k);
    BOOST_TEST(ratios[k] == value, tt::tolerance(0.01));
  }
  testing::draw(plot::Figure("CG on A = diag(linspace(1, 100, 200))")
                    .x_label("k")
                    .y_label("‖e_k‖_A / ‖e_0‖_A")
                    .log_y()
                    .add("conjugate gradients", range(0, ratios.size()), ratios)
                    .add("2((√κ−1)/(√κ+1))ᵏ", range(0, bounds.size()), bounds, plot::Style::dashed),
                "ch04_cg_bound");
}
//! [a-norm bound]

//! [sqrt kappa]
BOOST_AUTO_TEST_CASE(
    iterations_grow_like_the_square_root_of_kappa,
    *utf::label("plot") *
        utf::description(
            "§4.6: on the Poisson problem with N = 16, 32, 64, 128 (κ ≈ 0.41(N+1)²) CG "
            "needs iterations ∝ √κ to reach ‖r‖/‖b‖ ≤ 1e-8: log-log slope against √κ "
            "1 ± 0.1")) {
  std::vector<double> roots, iterations;
  for (Index N : {16, 32, 64, 128}) {
    const Poisson2D problem(N);
    const Result result =
        solve_by_conjugate_gradients(problem, problem.default_start(), 1e-8, 10000);
    BOOST_TEST(result.converged(), result.message);
    roots.push_back(std::sqrt(problem.condition_number()));
    iterations.push_back(static_cast<double>(result.iterations));
    BOOST_TEST_MESSAGE("N = " << N << ": κ = " << format_number(problem.condition_number()) << ", "
                              << result.iterations << " iterations");
  }
  BOOST_TEST(log_log_slope(roots, iterations) == 1.0, tt::tolerance(0.1));
  testing::draw(plot::Figure("CG on the Poisson problem, ‖r‖/‖b‖ ≤ 1e-8")
                    .x_label("√κ")
                    .y_label("iterations")
                    .log_x()
                    .log_y()
                    .add("N = 16, 32, 64, 128", roots, iterations, plot::Style::lines_points),
                "ch04_cg_sqrt_kappa");
}
//! [sqrt kappa]

//! [rounding]
BOOST_AUTO_TEST_CASE(
    rounding_delays_termination,
    *utf::label("plot") *
        utf::description(
            "§4.6: in exact arithmetic CG ends within n steps; in floating point, on n = 50 "
            "eigenvalues spread geometrically from 1 to 10⁶, it needs more than n steps "
            "to ‖r‖/‖b‖ ≤ 1e-10, while with the same number evenly spread it needs at "
            "most n + 2; a clustered spectrum (45 eigenvalues in [1, 1.01], 5 outliers) "
            "takes about 8")) {
  auto steps_to = [](const Vector& lambda, std::vector<double>* residuals) {
    const Quadratic problem = quadratic_with(lambda, 43);
    ConjugateGradientRule cg = conjugate_gradient_rule();
    TraceRecorder trace;
    const Result result = run_to_relative_gradient(problem, cg, 1e-10, 2000, &trace);
    if (residuals != nullptr) {
      for (const TracePoint& p : trace.points())
        residuals->push_back(p.gradient_norm / problem.b().norm());
    }
    return result.iterations;
  };
  std::vector<double> geometric_residuals, even_residuals;
  const long spread = steps_to(geometric(50, 1e6), &geometric_residuals);
  const long even = steps_to(Vector::LinSpaced(50, 1.0, 1e6), &even_residuals);
  Vector clustered = Vector::LinSpaced(50, 1.0, 1.01);
  clustered.tail(5) << 10.0, 30.0, 100.0, 300.0, 1000.0;
  const long cluster = steps_to(clustered, nullptr);
  BOOST_TEST_MESSAGE("steps to 1e-10, n = 50: geometric " << spread << ", even " << even
                                                          << ", clustered " << cluster);
  BOOST_TEST(spread > 50);
  BOOST_TEST(even <= 52);
  BOOST_TEST(cluster <= 12);
  testing::draw(
      plot::Figure("CG in floating point, n = 50, κ = 10⁶")
          .x_label("k")
          .y_label("‖r_k‖ / ‖b‖")
          .log_y()
          .add("eigenvalues spread geometrically", range(0, geometric_residuals.size()),
               geometric_residuals)
          .add("eigenvalues spread evenly", range(0, even_residuals.size()), even_residuals)
          .add("k = n", {50.0, 50.0}, {1e-14, 1e2}, plot::Style::dashed),
      "ch04_cg_rounding");
}
//! [rounding]

//! [jacobi]
BOOST_AUTO_TEST_CASE(
    jacobi_preconditioning_undoes_bad_scaling,
    *utf::description("§4.7: A = DA₀D with κ(A₀) = 50 and D = diag(10^{−2 … 2}) (n = 100): κ(A) is "
                      "about 10⁹; Jacobi's M = diag(A) brings κ(M^{−½}AM^{−½}) down to about 10², "
                      "and CG's iterations to ‖r‖/‖b‖ ≤ 1e-8 fall by more than 10×")) {
  const Index n = 100;
  const Quadratic base = Quadratic::with_condition_number(n, 50.0, 47);
  Vector d(n);
  for (Index i = 0; i < n; ++i) d(i) = std::pow(10.0, -2.0 + 4.0 * double(i) / double(n - 1));
  Matrix A = d.asDiagonal() * base.A() * d.asDiagonal();
  A = 0.5 * (A + A.transpose());
  const Quadratic problem(A, A * Vector::Ones(n));
  const Vector s = A.diagonal().cwiseSqrt().cwiseInverse();
  const double kappa = kappa_of(A);
  const double kappa_jacobi = kappa_of(s.asDiagonal() * A * s.asDiagonal());
  const Result plain = solve_by_conjugate_gradients(problem, Vector::Zero(n), 1e-8, 5000);
  const Result jacobi = solve_by_conjugate_gradients(problem, Vector::Zero(n), 1e-8, 5000,
                                                     {.preconditioner = Preconditioner::jacobi});
  BOOST_TEST_MESSAGE("κ(A) = " << format_number(kappa) << ", with Jacobi "
                               << format_number(kappa_jacobi) << "; CG " << plain.iterations
                               << " iterations, with Jacobi " << jacobi.iterations);
  BOOST_TEST(kappa > 1e8);
  BOOST_TEST(kappa_jacobi < 1e3);
  BOOST_TEST(jacobi.converged(), jacobi.message);
  BOOST_TEST(plain.iterations > 10 * jacobi.iterations);
}
//! [jacobi]

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()

// ===================================================================================== §4.8–4.9

BOOST_AUTO_TEST_SUITE(lbfgs_two_loop)
BOOST_AUTO_TEST_SUITE(quasi_newton)

//! [rosenbrock]
BOOST_AUTO_TEST_CASE(
    iterations_on_rosenbrock,
    *utf::description(
        "§4.9: to ‖∇f‖ ≤ 1e-6 on Rosenbrock with n = 2, 10, 100 from the classic "
        "start: damped Newton (Levenberg–Marquardt) needs the fewest iterations, BFGS "
        "and L-BFGS (m = 6) more, gradient descent with Armijo backtracking more than "
        "ten times as many as L-BFGS; L-BFGS keeps 2m = 12 vectors, BFGS an n × n "
        "matrix")) {
  for (Index n : {2, 10, 100}) {
    const Rosenbrock problem(n);
    StoppingRules stopping;
    stopping.gradient_tolerance = 1e-6;
    stopping.max_iterations = 100000;
    NewtonRule newton = newton_rule(
        {.line_search = true, .modification = HessianModification::levenberg_marquardt});
    BfgsRule bfgs = bfgs_rule();
    LbfgsRule lbfgs = lbfgs_rule();
    GradientDescentArmijoRule gd = gradient_descent_armijo_rule();
    const Result rn = minimize(problem, newton, problem.default_start(), stopping);
    const Result rb = minimize(problem, bfgs, problem.default_start(), stopping);
    const Result rl = minimize(problem, lbfgs, problem.default_start(), stopping);
    const Result rg = minimize(problem, gd, problem.default_start(), stopping);
    BOOST_TEST_MESSAGE("rosenbrock n = "
                       << n << ": newton " << rn.iterations << " (" << rn.function_evaluations
                       << " f), bfgs " << rb.iterations << " (" << rb.function_evaluations
                       << " f), lbfgs " << rl.iterations << " (" << rl.function_evaluations
                       << " f), gd " << rg.iterations << " (" << rg.function_evaluations << " f)");
    for (const Result* result : {&rn, &rb, &rl, &rg}) {
      BOOST_TEST(result->converged(), "n = " << n << ": " << result->message);
    }
    BOOST_TEST(rn.iterations < rb.iterations);
    BOOST_TEST(rn.iterations < rl.iterations);
    BOOST_TEST(rg.iterations > 10 * rl.iterations);
    BOOST_TEST(lbfgs.state_vectors() == 12);
    BOOST_TEST(bfgs.state_vectors() == static_cast<int>(n));
  }
}
//! [rosenbrock]

//! [logistic]
BOOST_AUTO_TEST_CASE(
    newton_lbfgs_and_gradient_descent_on_logistic_regression,
    *utf::label("plot") *
        utf::description(
            "§4.9: logistic regression on breast cancer (λ = 10⁻³) to ‖∇f‖ ≤ 1e-8: "
            "damped Newton in about 10 iterations, L-BFGS in about 10² (m = 6), gradient "
            "descent with its best fixed step still above 1e-8 after 500")) {
  const LogisticRegression problem(standardised_split("breast_cancer.csv").train, 1e-3);
  StoppingRules stopping;
  stopping.gradient_tolerance = 1e-8;  // below, L-BFGS's line search meets rounding in f ≈ 0.056
  stopping.max_iterations = 500;
  NewtonRule newton = newton_rule({.line_search = true});
  LbfgsRule lbfgs = lbfgs_rule();
  // η = 2/(μ + L) with μ and L the extreme curvatures at the minimiser, the best fixed step.
  const Result reference = minimize(problem, newton, problem.default_start(), stopping);
  const Vector lambda =
      Eigen::SelfAdjointEigenSolver<Matrix>(problem.hessian(reference.x)).eigenvalues();
  GradientDescentRule gd =
      gradient_descent_rule({.learning_rate = 2.0 / (lambda.minCoeff() + lambda.maxCoeff())});
  std::vector<plot::LabelledTrace> runs;
  std::vector<long> iterations;
  for (auto& [label, rule] :
       std::vector<std::pair<std::string, UpdateRule*>>{{"damped Newton", &newton},
                                                        {"L-BFGS, m = 6", &lbfgs},
                                                        {"gradient descent, η = 2/(μ + L)", &gd}}) {
    TraceRecorder trace;
    const Result result = minimize(problem, *rule, problem.default_start(), stopping, {&trace});
    BOOST_TEST_MESSAGE(label << ": " << result.message);
    runs.push_back({label, trace.points()});
    iterations.push_back(result.converged() ? result.iterations : -1);
  }
  BOOST_TEST(iterations[0] >= 1);
  BOOST_TEST(iterations[0] <= 15);
  BOOST_TEST(iterations[1] > iterations[0]);
  BOOST_TEST(iterations[1] <= 200);
  BOOST_TEST(iterations[2] == -1, "gradient descent converged in " << iterations[2]);
  testing::draw(plot::convergence_figure("Logistic regression on breast cancer, λ = 10⁻³", runs,
                                         plot::Measure::gradient_norm),
                "ch04_logistic_regression");
}
//! [logistic]

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
