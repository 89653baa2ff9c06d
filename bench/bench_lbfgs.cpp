// What a step of L-BFGS costs (Chapter 4): the workbook's L-BFGS rule run by minimize(), against
// LBFGSpp's LBFGSSolver with its Nocedal–Wright strong-Wolfe line search (Debian's
// liblbfgspp-dev), with the same m = 6, c₁ = 1e-4, c₂ = 0.9 and the same first step 1/‖g₀‖.
//
// One benchmark iteration is one run of a fixed number of steps from the problem's start, the
// gradient test switched off: on Rosenbrock with n = 10⁴ (the chained function, from
// (−1.2, 1, ...)), 200 steps; on logistic regression of the breast cancer training set (456
// examples, 31 parameters, λ = 10⁻³, from θ = 0), 40 steps (it converges to ‖g‖ ≤ 1e-6 in 52).
// `per_step` is the time per step (one direction, one line search of usually one trial point,
// and for ours the driver's bookkeeping); `evaluations` the trial points of one run, both
// counting the evaluation at x₀.
//
//   cmake --preset release && cmake --build --preset release --target bench_lbfgs
//   build-release/bin/bench_lbfgs
//
// The data are read as workbook::data_file() reads them: from data/, or WORKBOOK_DATA_DIR if set.
//
// `direction_*` times the direction alone, d = −Hg from 6 pairs in n = 10⁴ dimensions: the graded
// two-loop recursion (the reference solution in this build) against LBFGSpp's BFGSMat::apply_Hv().
//
// Measured on a two-core virtual machine (Release build, g++ 12, Eigen 3.4, one thread), CPU
// time, the median of 5 repetitions, two runs on a quiet machine:
//
//   benchmark                          ours           LBFGSpp        evaluations (ours / LBFGSpp)
//   rosenbrock n = 10⁴, per step       148-179 µs     109-111 µs     233 / 249 in 200 steps
//   logistic n = 31, per step          10.4-13.5 µs   9.9-12.8 µs    43 / 43 in 40 steps
//   direction n = 10⁴, m = 6           62-80 µs       53-83 µs
//
// The two-loop recursions cost the same: the reference keeps q, r and d in one vector, so a
// direction allocates once. A step reuses its work space (s, y, the line search's trial point and
// gradient, kept in LbfgsState), and the driver reads the entries of x_k and g_k only when ‖g_k‖
// or the step's length is not finite. What remains at n = 10⁴, about 40-70 µs a step, is what
// minimize() and the Objective do that LBFGSpp's loop does not: the copy of x_k before the step,
// the copies of the accepted point and gradient that the Objective remembers so that the driver
// does not evaluate x_{k+1} again, and the bitwise comparison that finds them. At n = 31 the
// evaluation of f dominates and the two are within 5%.
#include <LBFGS.h>
#include <benchmark/benchmark.h>

#include <vector>

#include "workbook/classification.hpp"
#include "workbook/data.hpp"
#include "workbook/driver.hpp"
#include "workbook/problems.hpp"
#include "workbook/quasi_newton.hpp"

namespace {

using workbook::Problem;
using workbook::Vector;

constexpr int history = 6;

const Problem& rosenbrock() {
  static const workbook::Rosenbrock problem(10000);
  return problem;
}

const Problem& breast_cancer() {
  static const workbook::LogisticRegression problem(
      workbook::standardised_split("breast_cancer.csv").train, 1e-3);
  return problem;
}

void count_steps(benchmark::State& state, long steps, long evaluations) {
  state.counters["per_step"] =
      benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsIterationInvariantRate |
                                                         benchmark::Counter::kInvert);
  state.counters["evaluations"] = static_cast<double>(evaluations);
}

// `steps` steps of the workbook's L-BFGS through minimize().
void ours(benchmark::State& state, const Problem& problem, long steps) {
  workbook::LbfgsRule rule = workbook::lbfgs_rule({.history = history});
  workbook::StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.max_iterations = steps;
  const Vector x0 = problem.default_start();
  long evaluations = 0;
  for (auto _ : state) {
    const workbook::Result result = workbook::minimize(problem, rule, x0, stopping);
    benchmark::DoNotOptimize(result.loss);
    evaluations = result.function_evaluations;
  }
  count_steps(state, steps, evaluations);
}

// `steps` steps of LBFGSpp's L-BFGS with its strong-Wolfe search.
void lbfgspp(benchmark::State& state, const Problem& problem, long steps) {
  LBFGSpp::LBFGSParam<double> param;
  param.m = history;
  param.epsilon = 0.0;
  param.epsilon_rel = 0.0;
  param.linesearch = LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE;
  param.max_linesearch = workbook::WolfeParams{}.max_evaluations;
  param.max_iterations = static_cast<int>(steps);
  LBFGSpp::LBFGSSolver<double, LBFGSpp::LineSearchNocedalWright> solver(param);
  long calls = 0;
  auto f = [&problem, &calls](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    ++calls;
    return problem.value_and_gradient(x, g);
  };
  const Vector x0 = problem.default_start();
  long evaluations = 0;
  for (auto _ : state) {
    Eigen::VectorXd x = x0;
    double fx = 0.0;
    calls = 0;
    benchmark::DoNotOptimize(solver.minimize(f, x, fx));
    benchmark::DoNotOptimize(fx);
    evaluations = calls;
  }
  count_steps(state, steps, evaluations);
}

// The direction alone, d = −Hg from 6 pairs of a diagonal quadratic in n = 10⁴ dimensions: the
// graded two-loop recursion (the reference solution in this build) against LBFGSpp's BFGSMat.
struct Pairs {
  std::vector<Vector> s, y;
  Vector g;
};

const Pairs& pairs() {
  static const Pairs p = [] {
    const workbook::Index n = 10000;
    Pairs result;
    const Vector curvature = Vector::LinSpaced(n, 1.0, 100.0);
    for (int i = 0; i < history; ++i) {
      result.s.push_back(Vector::Random(n));
      result.y.push_back(curvature.cwiseProduct(result.s.back()));
    }
    result.g = Vector::Random(n);
    return result;
  }();
  return p;
}

void direction_ours(benchmark::State& state) {
  workbook::LbfgsHistory kept(history);
  for (int i = 0; i < history; ++i) kept.push(pairs().s[i], pairs().y[i]);
  Vector d;
  for (auto _ : state) {
    workbook::lbfgs_direction(pairs().g, kept, d);
    benchmark::DoNotOptimize(d.data());
  }
}

void direction_lbfgspp(benchmark::State& state) {
  LBFGSpp::BFGSMat<double> kept;
  kept.reset(static_cast<int>(pairs().g.size()), history);
  for (int i = 0; i < history; ++i) kept.add_correction(pairs().s[i], pairs().y[i]);
  Eigen::VectorXd d;
  for (auto _ : state) {
    kept.apply_Hv(pairs().g, -1.0, d);
    benchmark::DoNotOptimize(d.data());
  }
}

void rosenbrock_ours(benchmark::State& state) {
  ours(state, rosenbrock(), 200);
}
void rosenbrock_lbfgspp(benchmark::State& state) {
  lbfgspp(state, rosenbrock(), 200);
}
void logistic_ours(benchmark::State& state) {
  ours(state, breast_cancer(), 40);
}
void logistic_lbfgspp(benchmark::State& state) {
  lbfgspp(state, breast_cancer(), 40);
}

}  // namespace

BENCHMARK(rosenbrock_ours)->Unit(benchmark::kMillisecond);
BENCHMARK(rosenbrock_lbfgspp)->Unit(benchmark::kMillisecond);
BENCHMARK(logistic_ours)->Unit(benchmark::kMicrosecond);
BENCHMARK(logistic_lbfgspp)->Unit(benchmark::kMicrosecond);
BENCHMARK(direction_ours)->Unit(benchmark::kMicrosecond);
BENCHMARK(direction_lbfgspp)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
