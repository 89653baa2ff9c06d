// What Chapter 4's methods cost: one step of linear conjugate gradients on the 2-D Poisson
// problem against Eigen's ConjugateGradient and the memory bandwidth, and Newton's method against
// gradient descent on logistic regression.
//
// Conjugate gradients, poisson-2d with N = 1000: n = 10⁶ unknowns, 5n − 4N = 4 996 000 nonzeros.
//   cg_step           conjugate_gradient_step() called again and again on one state, through an
//                     Objective: what the driver runs per step, without its own evaluation of
//                     ∇f(x_k) = Ax_k − b (one more product with A per step).
//   eigen_cg_*        Eigen::ConjugateGradient<SparseMatrix, Lower|Upper, P> on the same matrix
//                     (RowMajor, used as it is), from x₀ = 0 for `capped_steps` steps (its tolerance
//                     is not reached), with P = IdentityPreconditioner or DiagonalPreconditioner
//                     (Eigen's default; here M = 4I). Its time per step includes its start (one
//                     product Ax₀, r₀, p₀ and four vectors allocated): about 1/300 of a solve.
//   triad             a[i] = b[i] + s·c[i] on 3 × 2²⁴ doubles (403 MB, far beyond the caches).
//   *_to_tolerance    the solves to ‖r_k‖ ≤ 10⁻⁶ ‖b‖ from x₀ = 0, once: the steps each one takes.
//
// Bytes are counted as the algorithm must move them, 8 per double read or written once (a vector
// is 8 MB) and 12 per nonzero (value and column index) + 4 per row pointer for A (64.0 MB):
//   cg_step (M⁻¹ = 1)        Ap = A p          A, read p, write Ap            A + 16 B/unknown
//                            pᵀAp              read p, Ap                         16
//                            x += α p          read x, p, write x                 24
//                            r −= α Ap         read r, Ap, write r                24
//                            z = M⁻¹ ⊙ r       read M⁻¹, r, write z               24
//                            rᵀz               read r, z                          16
//                            p = z + β p       read z, p, write p                 24
//                                              A + 144 B/unknown = 208.0 MB per step
//   eigen_cg_identity        as cg_step, but z = r (16) and ‖r‖² (8)        A + 144 = 208.0 MB
//   eigen_cg_diagonal        z = M⁻¹ ⊙ r (24) and ‖r‖² (8)                  A + 152 = 216.0 MB
//   triad                    read b, c, write a                             24 B per element
// The stores to Ap and z (and to the triad's a), which those passes do not read, cost a cache-line
// read as well on most machines (write-allocate): +16 B/unknown for a step, +8 per element for
// the triad (32 B, the `write-allocate` counter).
//
// newton_direction_cost/n: one Newton direction for an SPD n × n Hessian (Cholesky and two
// triangular solves), n = 128 … 1600: 0.086, 0.52, 3.8, 27 and 103 ms (same machine, one run):
// 6.1, 7.2 and 7.3 times as long per doubling of n, n³ once the factorisation dominates.
//
// Newton's method against gradient descent, logistic regression on breast cancer (the training
// half of the workbook's split, standardised; 31 parameters, λ = 10⁻³), from θ = 0 to
// ‖∇f‖ ≤ 10⁻¹⁰ through minimize():
//   newton        damped Newton (newton_rule({.line_search = true})).
//   gd_global     gradient descent with η = 1/L, where L = λ_max(∇²f(0)) bounds the Hessian
//                 everywhere (σ(1 − σ) ≤ ¼ is largest at θ = 0).
//   gd_best       gradient descent with η = 2/(μ* + L*), from the extreme eigenvalues of the
//                 Hessian at the minimiser (Newton's): the best fixed step near the solution.
// Gradient descent is stopped after 10⁶ steps if it has not converged; `gradient_norm` says where.
//
//   cmake --preset release && cmake --build --preset release --target bench_curvature
//   build-release/bin/bench_curvature --benchmark_filter='triad|cg_step/|eigen_cg_(identity|diagonal)/'
//   build-release/bin/bench_curvature --benchmark_filter='newton|gd'
//   build-release/bin/bench_curvature --benchmark_filter='newton_direction_cost'
//   build-release/bin/bench_curvature --benchmark_filter='to_tolerance'   (2 to 3 minutes)
//
// Measured on a shared two-core AMD EPYC virtual machine (Release build, g++ 12 -O3 without
// -march, Eigen 3.4, one thread), CPU time, the median of 5 repetitions, in two runs a quarter of
// an hour apart. Others were compiling (load 5 to 6 on the two cores): the triad alone moved
// between the runs by a third, so the numbers are indicative, and only a run's ratios compare.
// (w-a: the triad counted with its write-allocate, 32 bytes per element.)
//
//                          run 1                  run 2
//   triad                  24.3 GB/s (32.4 w-a)   17.7 GB/s (23.6 w-a)
//   cg_step                10.2 ms  20.3 GB/s     11.1 ms  18.7 GB/s    84 % and 106 % of the triad
//   eigen_cg_identity       9.2 ms  22.7 GB/s     11.7 ms  17.8 GB/s
//   eigen_cg_diagonal      11.0 ms  19.7 GB/s     11.3 ms  19.1 GB/s
//
// To ‖r‖ ≤ 10⁻⁶‖b‖ (one run each) the library's step, Eigen's with either preconditioner and the
// driver all take 1633 steps (M = 4I changes nothing but rounding) and reach the same true
// residual, 9.9·10⁻⁷: 9.6 ms per step for the library's step, 9.7 and 10.1 ms for Eigen's, 20.3 ms
// through solve_by_conjugate_gradients(), whose driver evaluates f and ∇f = Ax − b at every
// iterate (a second product with A, its norm, the step's length). Run one after the other in one
// program (11 rounds of 150 steps each), Eigen's step took 0.99 times as long as the library's
// (median of the rounds' ratios; 0.83 to 1.32): the same speed. The same statements on A
// directly, without the Objective, took 0.95 times as long (0.91 to 1.11), within the noise: its
// checks are a few string operations per 10 ms step.
// What would make the step faster is fewer passes: x, r, z and rᵀz updated in one loop (64 bytes
// per unknown instead of 88) took 0.85 times as long in the same comparison.
//
// Newton against gradient descent (median of 5, CPU time): damped Newton takes 10 steps and
// 0.9–1.2 ms; gradient descent at η = 1/L (L = 3.39) 51 029 steps and 0.5–0.6 s; at the best
// fixed step, η = 2/(μ* + L*) = 12.9 (μ* = 0.0010, L* = 0.154), 1135 steps and 10–11 ms. With η
// between the two, the number of steps is about proportional to 1/η (η = 9.4: 1551); η = 14.2,
// past 2/L* = 13.0, had not converged after 10⁶ steps (‖∇f‖ = 0.015).
#include <benchmark/benchmark.h>

#include <Eigen/Eigenvalues>
#include <Eigen/IterativeLinearSolvers>
#include <string>

#include "triad.hpp"
#include "workbook/classification.hpp"
#include "workbook/curvature.hpp"
#include "workbook/data.hpp"
#include "workbook/driver.hpp"
#include "workbook/gradient_descent.hpp"
#include "workbook/poisson.hpp"

namespace {

using workbook::Index;
using workbook::Poisson2D;
using workbook::SparseMatrix;
using workbook::Vector;

constexpr Index grid = 1000;
constexpr long capped_steps = 300;
constexpr double relative_tolerance = 1e-6;

const Poisson2D& poisson() {
  static const Poisson2D problem(grid);
  return problem;
}

// Bytes of A read by one product: 8 (value) + 4 (column) per nonzero, 4 per row pointer.
double matrix_bytes(const SparseMatrix& A) {
  return 12.0 * static_cast<double>(A.nonZeros()) + 4.0 * static_cast<double>(A.outerSize() + 1);
}

// Bytes one step moves: A and `bytes_per_unknown` per unknown.
double step_bytes(const Poisson2D& problem, int bytes_per_unknown) {
  return matrix_bytes(problem.A()) +
         static_cast<double>(bytes_per_unknown) * static_cast<double>(problem.dimension());
}

// The counters of a benchmark that took `steps` CG steps in all, each moving `bytes`:
// `time/step` and `bandwidth` (decimal: G/s is 10⁹ bytes per second).
void count_steps(benchmark::State& state, long steps, double bytes) {
  using benchmark::Counter;
  const auto total = static_cast<double>(steps);
  state.counters["steps"] = Counter(total, Counter::kAvgIterations);
  state.counters["time/step"] = Counter(total, Counter::kIsRate | Counter::kInvert);
  state.counters["MB/step"] = bytes / 1e6;
  state.counters["bandwidth"] = Counter(total * bytes, Counter::kIsRate, Counter::kIs1000);
}

using workbook::bench::triad;

// The library's step, from a state started at x₀ = 0 (r₀ = b, M⁻¹ = 1) as the `cg` rule starts it.
void cg_step(benchmark::State& state) {
  const Poisson2D& problem = poisson();
  const Index n = problem.dimension();
  workbook::Objective objective(problem);
  Vector x = problem.default_start();
  workbook::ConjugateGradientState cg;
  cg.reset(n, {});
  cg.start(problem.b(), Vector::Ones(n));
  for (auto _ : state) {
    workbook::conjugate_gradient_step(x, objective, cg);
    benchmark::DoNotOptimize(x.data());
    benchmark::ClobberMemory();
  }
  count_steps(state, cg.t, step_bytes(problem, 144));
}

template <class Preconditioner>
using EigenCG = Eigen::ConjugateGradient<SparseMatrix, Eigen::Lower | Eigen::Upper, Preconditioner>;

// Eigen's solver for `capped_steps` steps from x₀ = 0 (solve() starts there).
template <class Preconditioner>
void eigen_cg(benchmark::State& state, int bytes_per_unknown) {
  const Poisson2D& problem = poisson();
  EigenCG<Preconditioner> solver;
  solver.setTolerance(relative_tolerance);
  solver.setMaxIterations(capped_steps);
  solver.compute(problem.A());
  Vector x(problem.dimension());
  long steps = 0;
  for (auto _ : state) {
    x = solver.solve(problem.b());
    steps += solver.iterations();
    benchmark::DoNotOptimize(x.data());
    benchmark::ClobberMemory();
  }
  if (solver.iterations() != capped_steps) {
    state.SkipWithError("Eigen's solver converged before its cap: the steps are not all equal");
  }
  count_steps(state, steps, step_bytes(problem, bytes_per_unknown));
}

void eigen_cg_identity(benchmark::State& state) {
  eigen_cg<Eigen::IdentityPreconditioner>(state, 144);
}
void eigen_cg_diagonal(benchmark::State& state) {
  eigen_cg<Eigen::DiagonalPreconditioner<double>>(state, 152);
}

// To the tolerance: the library's step in a loop that stops as Eigen's does, on the recurrence's
// ‖r_k‖ ≤ ε‖b‖ (with M⁻¹ = 1, rᵀz = ‖r‖², so the test costs nothing).
void cg_step_to_tolerance(benchmark::State& state) {
  const Poisson2D& problem = poisson();
  const Index n = problem.dimension();
  workbook::Objective objective(problem);
  const double threshold = relative_tolerance * relative_tolerance * problem.b().squaredNorm();
  long steps = 0;
  Vector x;
  workbook::ConjugateGradientState cg;
  for (auto _ : state) {
    x = problem.default_start();
    cg.reset(n, {});
    cg.start(problem.b(), Vector::Ones(n));
    while (cg.rz > threshold) workbook::conjugate_gradient_step(x, objective, cg);
    steps += cg.t;
    benchmark::DoNotOptimize(x.data());
  }
  state.counters["residual"] = (problem.b() - problem.A() * x).norm() / problem.b().norm();
  count_steps(state, steps, step_bytes(problem, 144));
}

// To the tolerance through the driver (solve_by_conjugate_gradients): each step also evaluates
// ∇f(x_k) = Ax_k − b, and the driver stops on ‖∇f(x_k)‖ ≤ ε‖∇f(x₀)‖, the true residual.
void cg_solver_to_tolerance(benchmark::State& state) {
  const Poisson2D& problem = poisson();
  long steps = 0;
  workbook::Result result;
  for (auto _ : state) {
    result = workbook::solve_by_conjugate_gradients(problem, problem.default_start(),
                                                    relative_tolerance, 100000);
    steps += result.iterations;
  }
  if (!result.converged()) state.SkipWithError(result.message.c_str());
  count_steps(state, steps, step_bytes(problem, 144));
}

// Eigen's solver to the tolerance. Eigen's iterations() does not count the step after which it
// stops; `steps` does.
template <class Preconditioner>
void eigen_cg_to_tolerance(benchmark::State& state, int bytes_per_unknown) {
  const Poisson2D& problem = poisson();
  EigenCG<Preconditioner> solver;
  solver.setTolerance(relative_tolerance);
  solver.setMaxIterations(100000);
  solver.compute(problem.A());
  Vector x(problem.dimension());
  long steps = 0;
  for (auto _ : state) {
    x = solver.solve(problem.b());
    steps += solver.iterations() + 1;
    benchmark::DoNotOptimize(x.data());
  }
  if (solver.info() != Eigen::Success) state.SkipWithError("Eigen's solver did not converge");
  state.counters["residual"] = (problem.b() - problem.A() * x).norm() / problem.b().norm();
  count_steps(state, steps, step_bytes(problem, bytes_per_unknown));
}

void eigen_cg_identity_to_tolerance(benchmark::State& state) {
  eigen_cg_to_tolerance<Eigen::IdentityPreconditioner>(state, 144);
}
void eigen_cg_diagonal_to_tolerance(benchmark::State& state) {
  eigen_cg_to_tolerance<Eigen::DiagonalPreconditioner<double>>(state, 152);
}

// ------------------------------------------------------- Newton and gradient descent

const workbook::LogisticRegression& breast_cancer() {
  static const workbook::LogisticRegression problem(
      workbook::standardised_split("breast_cancer.csv").train, 1e-3);
  return problem;
}

workbook::StoppingRules to_gradient_norm(long max_iterations) {
  workbook::StoppingRules stopping;
  stopping.gradient_tolerance = 1e-10;
  stopping.max_iterations = max_iterations;
  return stopping;
}

void report(benchmark::State& state, const workbook::Result& result) {
  if (result.reason == workbook::StopReason::diverged ||
      result.reason == workbook::StopReason::breakdown) {
    state.SkipWithError(result.message.c_str());
  }
  state.counters["iterations"] = static_cast<double>(result.iterations);
  state.counters["gradient_norm"] = result.gradient_norm;
}

void newton(benchmark::State& state) {
  const workbook::LogisticRegression& problem = breast_cancer();
  auto rule = workbook::newton_rule({.line_search = true});
  workbook::Result result;
  for (auto _ : state) {
    result = workbook::minimize(problem, rule, problem.default_start(), to_gradient_norm(100));
    benchmark::DoNotOptimize(result.loss);
  }
  report(state, result);
}

double largest_eigenvalue(const workbook::Matrix& symmetric) {
  return Eigen::SelfAdjointEigenSolver<workbook::Matrix>(symmetric, Eigen::EigenvaluesOnly)
      .eigenvalues()
      .maxCoeff();
}

// Gradient descent at a fixed η, to ‖∇f‖ ≤ 10⁻¹⁰ or 10⁶ steps.
void gradient_descent(benchmark::State& state, double eta) {
  const workbook::LogisticRegression& problem = breast_cancer();
  auto rule = workbook::gradient_descent_rule({.learning_rate = eta});
  workbook::Result result;
  for (auto _ : state) {
    result = workbook::minimize(problem, rule, problem.default_start(), to_gradient_norm(1000000));
    benchmark::DoNotOptimize(result.loss);
  }
  report(state, result);
  state.counters["learning_rate"] = eta;
}

// η = 1/L, L = λ_max(∇²f(0)), the largest curvature anywhere.
void gd_global(benchmark::State& state) {
  const workbook::LogisticRegression& problem = breast_cancer();
  gradient_descent(state, 1.0 / largest_eigenvalue(problem.hessian(problem.default_start())));
}

// η = 2/(μ* + L*), the extreme eigenvalues of ∇²f(θ*) at the minimiser θ* (found by Newton):
// the best fixed step on the quadratic model at θ*, known only once the problem is solved.
void gd_best(benchmark::State& state) {
  const workbook::LogisticRegression& problem = breast_cancer();
  auto rule = workbook::newton_rule({.line_search = true});
  const workbook::Result solved =
      workbook::minimize(problem, rule, problem.default_start(), to_gradient_norm(100));
  const Eigen::VectorXd curvatures = Eigen::SelfAdjointEigenSolver<workbook::Matrix>(
                                         problem.hessian(solved.x), Eigen::EigenvaluesOnly)
                                         .eigenvalues();
  gradient_descent(state, 2.0 / (curvatures.minCoeff() + curvatures.maxCoeff()));
}

}  // namespace

BENCHMARK(triad)
    ->Arg(1 << 24)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly();
BENCHMARK(cg_step)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->Repetitions(5)
    ->ReportAggregatesOnly();
BENCHMARK(eigen_cg_identity)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK(eigen_cg_diagonal)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK(cg_step_to_tolerance)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(cg_solver_to_tolerance)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(eigen_cg_identity_to_tolerance)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(eigen_cg_diagonal_to_tolerance)->Unit(benchmark::kSecond)->Iterations(1);
// The cost of one Newton direction against n: an SPD n × n Hessian factorised and solved
// (newton_direction(), Cholesky): n²/2 numbers read, n³/3 multiply–adds, so doubling n should
// multiply the time by about 8 once n is large enough for the factorisation to dominate.
void newton_direction_cost(benchmark::State& state) {
  using workbook::Matrix, workbook::Vector;
  const workbook::Index n = state.range(0);
  const Matrix G = Matrix::Random(n, n);
  const Matrix H = G * G.transpose() + static_cast<double>(n) * Matrix::Identity(n, n);
  const Vector g = Vector::Ones(n);
  for (auto _ : state) {
    Vector p = workbook::newton_direction(H, g);
    benchmark::DoNotOptimize(p.data());
  }
  state.counters["hessian_MB"] = 8.0 * static_cast<double>(n * n) / 1e6;
  state.SetComplexityN(n);
}
BENCHMARK(newton_direction_cost)
    ->RangeMultiplier(2)
    ->Range(100, 1600)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNCubed);

BENCHMARK(newton)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK(gd_global)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK(gd_best)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK_MAIN();
