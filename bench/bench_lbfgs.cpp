// What a step of L-BFGS costs (Chapter 4): the workbook's L-BFGS rule run by minimize(), against
// LBFGSpp's LBFGSSolver with its Nocedal–Wright strong-Wolfe line search (Debian's
// liblbfgspp-dev), with the same m = 6, c₁ = 1e-4, c₂ = 0.9 and the same first step 1/‖g₀‖.
//
// Each benchmark iteration runs `steps` steps and `steps / 10` steps from the problem's start, the
// gradient test switched off, and counts the difference of their times (manual time), so that
// what a run pays once is left out of both: on Rosenbrock with n = 10⁴ (the chained function,
// from (−1.2, 1, ...)), 200 and 20 steps; on logistic regression of the breast cancer training set
// (456 examples, 31 parameters, λ = 10⁻³, from θ = 0), 40 and 4 steps (it converges to
// ‖g‖ ≤ 1e-6 in 52). `per_step` is the time per step (one direction, one line search of usually
// one trial point, and for ours the driver's bookkeeping); `whole_run` the long run's time per
// step with its setup; `evaluations` the trial points of the long run, both counting x₀.
//
//   cmake --preset release && cmake --build --preset release --target bench_lbfgs
//   build-release/bin/bench_lbfgs --benchmark_repetitions=9 --benchmark_enable_random_interleaving
//
// The data are read as workbook::data_file() reads them: from data/, or WORKBOOK_DATA_DIR if set.
//
// `direction_*` times the direction alone, d = −Hg from 6 pairs in n = 10⁴ dimensions: the graded
// two-loop recursion (the reference solution in this build) against LBFGSpp's BFGSMat::apply_Hv().
//
// Measured on a two-core virtual machine (Release build, g++ 12, Eigen 3.4, one thread), the
// median of 9 interleaved repetitions, two runs on a quiet machine:
//
//   benchmark                          ours           LBFGSpp        evaluations (ours / LBFGSpp)
//   rosenbrock n = 10⁴, per step       82-84 µs       96-98 µs       234 / 249 in 200 steps
//     whole run, per step              102 µs         96-98 µs
//   logistic n = 31, per step          8.8-8.9 µs     8.7-8.8 µs     43 / 43 in 40 steps
//   direction n = 10⁴, m = 6           45 µs          54 µs
//
// A step moves each vector of n as few times as LBFGSpp's: the direction is written into a vector
// the rule keeps, ρᵢ = 1/sᵢᵀyᵢ is computed once when a pair joins the history, a new pair is
// moved into the history rather than copied, and the accepted trial point's f and ∇f are handed
// to the driver (Objective::hand_over()) instead of being copied for it at every trial point and
// compared bitwise. At n = 10⁴ a step is memory-bound (a pass over two vectors of 80 kB costs a
// few µs), so every pass counts. What minimize() still pays once per run, its vectors of n and the
// first touch of their pages, shows in `whole_run`; LBFGSpp's solver keeps its vectors from one
// run to the next. At n = 31 the evaluation of f dominates.
#include <LBFGS.h>
#include <benchmark/benchmark.h>

#include <chrono>
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

// Time per step without what a run pays once (its vectors, its first evaluation): each benchmark
// iteration times a run of `steps` steps and one of `steps / 10`, and counts the difference
// (manual time) over the steps between them. `run(k)` makes a run of k steps and returns its
// evaluations. LBFGSpp's solver keeps its vectors from one run to the next, minimize() allocates
// them for each run: the difference leaves both out. `whole_run` is the long run's time per step,
// setup included.
template <class Run>
void time_steps(benchmark::State& state, long steps, Run run) {
  using Clock = std::chrono::steady_clock;
  const long short_steps = steps / 10;
  long evaluations = 0;
  double whole = 0.0;
  for (auto _ : state) {
    const auto start = Clock::now();
    run(short_steps);
    const auto middle = Clock::now();
    evaluations = run(steps);
    const auto end = Clock::now();
    const double long_run = std::chrono::duration<double>(end - middle).count();
    whole += long_run;
    state.SetIterationTime(long_run - std::chrono::duration<double>(middle - start).count());
  }
  state.counters["per_step"] = benchmark::Counter(
      static_cast<double>(steps - short_steps),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["whole_run"] = benchmark::Counter(whole / static_cast<double>(steps) /
                                                   static_cast<double>(state.iterations()));
  state.counters["evaluations"] = static_cast<double>(evaluations);
}

// Steps of the workbook's L-BFGS through minimize().
void ours(benchmark::State& state, const Problem& problem, long steps) {
  workbook::LbfgsRule rule = workbook::lbfgs_rule({.history = history});
  const Vector x0 = problem.default_start();
  time_steps(state, steps, [&](long k) {
    workbook::StoppingRules stopping;
    stopping.gradient_tolerance = 0.0;
    stopping.max_iterations = k;
    const workbook::Result result = workbook::minimize(problem, rule, x0, stopping);
    benchmark::DoNotOptimize(result.loss);
    return result.function_evaluations;
  });
}

// Steps of LBFGSpp's L-BFGS with its strong-Wolfe search; one solver for each run length, made
// before the timing.
void lbfgspp(benchmark::State& state, const Problem& problem, long steps) {
  auto param = [](long k) {
    LBFGSpp::LBFGSParam<double> p;
    p.m = history;
    p.epsilon = 0.0;
    p.epsilon_rel = 0.0;
    p.linesearch = LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE;
    p.max_linesearch = workbook::WolfeParams{}.max_evaluations;
    p.max_iterations = static_cast<int>(k);
    return p;
  };
  using Solver = LBFGSpp::LBFGSSolver<double, LBFGSpp::LineSearchNocedalWright>;
  const LBFGSpp::LBFGSParam<double> long_param = param(steps), short_param = param(steps / 10);
  Solver long_solver(long_param), short_solver(short_param);  // they keep references
  long calls = 0;
  auto f = [&problem, &calls](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    ++calls;
    return problem.value_and_gradient(x, g);
  };
  const Vector x0 = problem.default_start();
  time_steps(state, steps, [&](long k) {
    Eigen::VectorXd x = x0;
    double fx = 0.0;
    calls = 0;
    benchmark::DoNotOptimize((k == steps ? long_solver : short_solver).minimize(f, x, fx));
    benchmark::DoNotOptimize(fx);
    return calls;
  });
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

BENCHMARK(rosenbrock_ours)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(rosenbrock_lbfgspp)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(logistic_ours)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(logistic_lbfgspp)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(direction_ours)->Unit(benchmark::kMicrosecond);
BENCHMARK(direction_lbfgspp)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
