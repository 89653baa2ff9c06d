// Chapter 4, §4.9: the L-BFGS direction by the two-loop recursion, and the L-BFGS rule built on it.
// Exercise: lbfgs_two_loop (exercises/ch04/lbfgs_two_loop.cpp, lbfgs_direction()). Every case
// calls the graded function; the L-BFGS rule is compared with LBFGSpp (Debian's liblbfgspp-dev),
// the library the workbook's L-BFGS follows.
#include <LBFGS.h>
#include <Eigen/QR>

#include <limits>
#include <sstream>

#include "workbook/classification.hpp"
#include "workbook/data.hpp"
#include "workbook/problems.hpp"
#include "workbook/quasi_newton.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

Vector random_vector(Index n, Random& random) {
  Vector v(n);
  for (Index i = 0; i < n; ++i) v(i) = random.normal();
  return v;
}

// A symmetric positive definite n×n matrix with eigenvalues in [1, 10].
Matrix random_spd(Index n, Random& random) {
  Matrix M(n, n);
  for (Index j = 0; j < n; ++j) M.col(j) = random_vector(n, random);
  const Matrix Q = Eigen::HouseholderQR<Matrix>(M).householderQ();
  Vector lambda(n);
  for (Index i = 0; i < n; ++i) lambda(i) = random.uniform(1.0, 10.0);
  return Q * lambda.asDiagonal() * Q.transpose();
}

// k pairs of a quadratic with Hessian A, as BFGS would collect them: random steps s, y = As.
LbfgsHistory quadratic_pairs(const Matrix& A, int m, int k, Random& random) {
  LbfgsHistory history(m);
  for (int i = 0; i < k; ++i) {
    const Vector s = random_vector(A.rows(), random);
    history.push(s, A * s);
  }
  return history;
}

// γ = sᵀy/yᵀy of the newest pair.
double gamma_of(const LbfgsHistory& history) {
  const Vector& s = history.s(history.size() - 1);
  const Vector& y = history.y(history.size() - 1);
  return s.dot(y) / y.squaredNorm();
}

// H by the dense BFGS recursion of the notes: H⁰ = γI, then for each pair, oldest first,
// H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ, ρ = 1/yᵀs. O(n²) memory: small n only.
Matrix dense_bfgs_inverse(const LbfgsHistory& history) {
  const Index n = history.s(0).size();
  const Matrix I = Matrix::Identity(n, n);
  Matrix H = gamma_of(history) * I;
  for (int i = 0; i < history.size(); ++i) {
    const Vector& s = history.s(i);
    const Vector& y = history.y(i);
    const double rho = 1.0 / y.dot(s);
    H = (I - rho * s * y.transpose()) * H * (I - rho * y * s.transpose()) + rho * s * s.transpose();
  }
  return H;
}

double relative_error(const Vector& d, const Vector& expected) {
  return (d - expected).norm() / expected.norm();
}

// d of lbfgs_direction(g, history, d), written into an empty vector.
Vector direction_of(const Vector& g, const LbfgsHistory& history) {
  Vector d;
  lbfgs_direction(g, history, d);
  return d;
}

// What is wrong with d = direction_of(g, ·), from properties any right answer has: finite, a
// descent direction. "" when neither fails.
std::string sign_or_nan(const Vector& g, const Vector& d) {
  std::ostringstream why;
  if (d.size() != g.size()) {
    why << "d has " << d.size() << " entries, g has " << g.size();
  } else if (!d.allFinite()) {
    why << "d has NaN or infinite entries: is a ρᵢ = 1/yᵢᵀsᵢ or γ divided by 0?";
  } else if (g.dot(d) > 0.0) {
    why << "d is not a descent direction: gᵀd = +" << format_number(g.dot(d))
        << " > 0; the direction is −Hg";
  }
  return why.str();
}

// The secant condition H yₖ = sₖ of the newest pair, probed on `history` with g = yₖ: what
// breaks it, in the notes' words; "" when it holds. O(mn): any n.
std::string secant_diagnosis(const LbfgsHistory& history) {
  const int k = history.size();
  const Vector& s = history.s(k - 1);
  const Vector& y = history.y(k - 1);
  const Vector d = direction_of(y, history);
  const std::string why = sign_or_nan(y, d);
  if (!why.empty()) return why;
  if (relative_error(d, -s) <= 1e-9) return "";
  if (k >= 2 && relative_error(direction_of(history.y(0), history), -history.s(0)) < 1e-9) {
    return "the loops run in the wrong order: the first loop goes from the newest pair to the "
           "oldest (H yᵢ = sᵢ holds for the oldest pair, not the newest)";
  }
  return "the secant condition fails: for g = yₖ of the newest pair d = −H yₖ must be −sₖ "
         "(relative error " +
         format_number(relative_error(d, -s)) + ")";
}

// H⁰ = γI, probed on `history` with a g orthogonal to every sᵢ and yᵢ (n > 2k), which both loops
// leave alone: d = −γg. What breaks it; "" when it holds.
std::string scaling_diagnosis(const LbfgsHistory& history) {
  const int k = history.size();
  const Index n = history.s(0).size();
  if (n <= 2 * k) return "";  // no direction is orthogonal to all the pairs
  Matrix pairs(n, 2 * k);
  for (int i = 0; i < k; ++i) pairs.col(2 * i) = history.s(i), pairs.col(2 * i + 1) = history.y(i);
  Random random(99);
  Vector g = random_vector(n, random);
  const Matrix Q = Eigen::HouseholderQR<Matrix>(pairs).householderQ() * Matrix::Identity(n, 2 * k);
  g -= Q * (Q.transpose() * g);
  const double gamma = gamma_of(history);
  const Vector d = direction_of(g, history);
  std::string why = sign_or_nan(g, d);
  if (!why.empty() || relative_error(d, -gamma * g) <= 1e-9) return why;
  const double factor = gamma * g.norm() / d.norm();  // what |d| must be multiplied by
  std::ostringstream out;
  if (std::abs(factor / gamma - 1.0) < 1e-9) {
    out << "|d| is off by the factor γ = " << format_number(gamma) << ": is H0 = γI missing?";
  } else {
    out << "away from the pairs d must be −γg, γ = " << format_number(gamma)
        << " (H⁰ = γI); |d| is off by the factor " << format_number(factor);
  }
  return out.str();
}

// Which property of H a wrong d breaks, probed on `history`; "" when none does.
std::string diagnose(const LbfgsHistory& history) {
  const std::string why = secant_diagnosis(history);
  return why.empty() ? scaling_diagnosis(history) : why;
}

// f(x) and ∇f(x) for LBFGSpp, counting the calls.
struct CountedFunction {
  const Problem& problem;
  long calls = 0;
  double operator()(const Eigen::VectorXd& x, Eigen::VectorXd& gradient) {
    ++calls;
    return problem.value_and_gradient(x, gradient);
  }
};

struct Comparison {
  Result ours;
  long their_iterations = 0, their_evaluations = 0;
  double their_loss = 0.0, their_gradient_norm = 0.0;
};

// Our L-BFGS (the driver, our strong-Wolfe search) and LBFGSpp's (its Nocedal–Wright strong-Wolfe
// search) with the same m, c₁, c₂, search budget, gradient test ‖g‖ ≤ tolerance and iteration
// budget, from the problem's start. Both count the first evaluation at x₀.
Comparison compare_with_lbfgspp(const Problem& problem, int m, double tolerance,
                                long max_iterations) {
  Comparison c;
  LbfgsRule rule = lbfgs_rule({.history = m});
  StoppingRules stopping;
  stopping.gradient_tolerance = tolerance;
  stopping.max_iterations = max_iterations;
  c.ours = minimize(problem, rule, problem.default_start(), stopping);

  LBFGSpp::LBFGSParam<double> param;
  param.m = m;
  param.epsilon = tolerance;
  param.epsilon_rel = 0.0;  // the same absolute test ‖g‖ ≤ ε
  param.linesearch = LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE;
  param.max_linesearch = WolfeParams{}.max_evaluations;
  param.ftol = WolfeParams{}.sufficient_decrease;
  param.wolfe = WolfeParams{}.curvature;
  param.max_iterations = static_cast<int>(max_iterations);
  LBFGSpp::LBFGSSolver<double, LBFGSpp::LineSearchNocedalWright> solver(param);
  CountedFunction f{problem};
  Eigen::VectorXd x = problem.default_start();
  c.their_iterations = solver.minimize(f, x, c.their_loss);  // its line searches = its steps
  c.their_evaluations = f.calls;
  Vector g;
  problem.gradient(x, g);
  c.their_gradient_norm = g.norm();
  return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lbfgs_two_loop)

BOOST_AUTO_TEST_CASE(without_pairs_the_direction_is_minus_g,
                     *utf::description("§4.9: with no pair kept, H = H⁰ and there is no γ yet: "
                                       "the direction is steepest descent, d = −g")) {
  const LbfgsHistory empty(5);
  const Vector g{{3.0, -4.0, 0.5}};
  const Vector d = direction_of(g, empty);
  const std::string why = sign_or_nan(g, d);
  BOOST_TEST(why.empty(), why);
  BOOST_TEST_REQUIRE(d.size() == 3);
  BOOST_TEST_INFO("d = " << format_vector(d) << ", expected −g = (−3, 4, −0.5)");
  BOOST_TEST((d + g).norm() == 0.0);
}

BOOST_AUTO_TEST_CASE(
    satisfies_the_secant_condition_of_the_newest_pair,
    *utf::description("§4.9: the last BFGS update makes H yₖ = sₖ for the newest pair, whatever "
                      "came before: for g = yₖ the direction is −sₖ, with one pair and with two "
                      "(n = 4, to 1e-12 relative)")) {
  Random random(4);
  const Matrix A = random_spd(4, random);
  LbfgsHistory history(5);
  std::string one_pair;
  for (int k = 1; k <= 2; ++k) {
    const Vector s = random_vector(4, random);
    history.push(s, A * s);
    const Vector d = direction_of(history.y(k - 1), history);
    std::string why = sign_or_nan(history.y(k - 1), d);
    if (why.empty() && relative_error(d, -history.s(k - 1)) > 1e-12) {
      why = k == 2 && one_pair.empty()
                ? diagnose(history)
                : "for g = yₖ, d = " + format_vector(d) +
                      " instead of −sₖ = " + format_vector(-history.s(k - 1));
    }
    if (k == 1) one_pair = why;
    BOOST_TEST(why.empty(), k << (k == 1 ? " pair: " : " pairs: ") << why);
  }
}

BOOST_AUTO_TEST_CASE(
    acts_as_gamma_i_away_from_the_pairs,
    *utf::description("§4.9: H⁰ = γI with γ = sᵀy/yᵀy of the newest pair: for a gradient "
                      "orthogonal to every sᵢ and yᵢ both loops change nothing and d = −γg "
                      "(n = 10, 3 pairs, γ ≈ 0.13, to 1e-12)")) {
  Random random(10);
  const Matrix A = random_spd(10, random);
  const LbfgsHistory history = quadratic_pairs(A, 5, 3, random);
  const double gamma = gamma_of(history);
  Matrix pairs(10, 6);
  for (int i = 0; i < 3; ++i) pairs.col(2 * i) = history.s(i), pairs.col(2 * i + 1) = history.y(i);
  const Matrix Q = Eigen::HouseholderQR<Matrix>(pairs).householderQ() * Matrix::Identity(10, 6);
  Vector g = random_vector(10, random);
  g -= Q * (Q.transpose() * g);
  const Vector d = direction_of(g, history);
  std::string why = sign_or_nan(g, d);
  if (why.empty() && relative_error(d, -gamma * g) > 1e-12) why = diagnose(history);
  BOOST_TEST(why.empty(), why);
}

BOOST_AUTO_TEST_CASE(
    equals_the_dense_bfgs_recursion_on_a_quadratic,
    *utf::description("§4.9: for k = 1, ..., m pairs of a quadratic (n = 12, m = 5) the two-loop "
                      "recursion gives d = −H_k g, H_k the BFGS recursion from H⁰ = γI written "
                      "with matrices, to 1e-12 relative")) {
  Random random(8);
  const Matrix A = random_spd(12, random);
  for (int k = 1; k <= 5; ++k) {
    const LbfgsHistory history = quadratic_pairs(A, 5, k, random);
    const Vector g = random_vector(12, random);
    const Vector d = direction_of(g, history);
    const Vector expected = -dense_bfgs_inverse(history) * g;
    std::string why = sign_or_nan(g, d);
    if (why.empty() && relative_error(d, expected) > 1e-12) {
      why = diagnose(history);
      if (why.empty()) why = "d = " + format_vector(d) + ", −Hg = " + format_vector(expected);
    }
    BOOST_TEST(why.empty(), k << " pairs: " << why);
  }
}

BOOST_AUTO_TEST_CASE(does_not_change_its_inputs,
                     *utf::description("§4.9: g and the pairs are read only: after the call they "
                                       "are bit for bit what they were")) {
  Random random(12);
  const Matrix A = random_spd(6, random);
  const LbfgsHistory history = quadratic_pairs(A, 3, 3, random);
  const LbfgsHistory copy = history;
  const Vector g = random_vector(6, random), g_copy = g;
  const Vector d = direction_of(g, history);
  const std::string why = sign_or_nan(g, d);
  BOOST_TEST(why.empty(), why);
  BOOST_TEST(g == g_copy, "g was changed: it is a const input; copy it into q");
  BOOST_TEST_REQUIRE(history.size() == copy.size());
  for (int i = 0; i < history.size(); ++i) {
    BOOST_TEST((history.s(i) == copy.s(i) && history.y(i) == copy.y(i)),
               "pair " << i << " was changed: the history is a const input");
  }
}

BOOST_AUTO_TEST_CASE(
    does_not_read_what_direction_held,
    *utf::description("§4.9: `direction` is output only: the rule keeps one vector for it and "
                      "hands it back every step, so whatever it held (here NaN, and the wrong "
                      "size) must not change d: the same bits as into an empty vector")) {
  Random random(14);
  const Matrix A = random_spd(6, random);
  for (const int k : {0, 3}) {
    const LbfgsHistory history = quadratic_pairs(A, 3, k, random);
    const Vector g = random_vector(6, random);
    const Vector expected = direction_of(g, history);
    Vector d = Vector::Constant(9, std::numeric_limits<double>::quiet_NaN());
    lbfgs_direction(g, history, d);
    std::ostringstream why;
    if (d.size() != g.size()) {
      why << "direction held 9 entries and still has " << d.size() << ", g has " << g.size()
          << ": resize it to n (assigning a vector of n does)";
    } else if (!d.allFinite() && expected.allFinite()) {
      why << "direction held NaN and d has NaN entries, into an empty vector it does not: d is "
             "accumulated into what direction held; set it from g first";
    } else if (d != expected) {
      why << "d = " << format_vector(d) << " depends on what direction held (into an empty "
          << "vector: " << format_vector(expected) << ")";
    }
    BOOST_TEST(why.str().empty(), k << " pairs: " << why.str());
  }
}

BOOST_AUTO_TEST_CASE(
    takes_o_mn_for_a_million_parameters,
    *utf::description("§4.9: O(mn) memory: with n = 10⁶ and m = 10 pairs the direction is "
                      "computed from the 2m stored vectors (an n×n matrix would need 8 TB) and "
                      "satisfies the secant condition of the newest pair; its 4mn multiply-adds "
                      "are timed by bench/bench_lbfgs.cpp")) {
  const Index n = 1000000;
  Random random(6);
  const Vector curvature = Vector::LinSpaced(n, 1.0, 100.0);  // a diagonal Hessian
  LbfgsHistory history(10);
  for (int i = 0; i < 10; ++i) {
    const Vector s = random_vector(n, random);
    history.push(s, curvature.cwiseProduct(s));
  }
  // An n×n matrix cannot even be allocated here: the direction is computed from the 2m stored
  // vectors alone. Its time, 4mn multiply-adds, is measured by bench/bench_lbfgs.cpp
  // (direction_ours), not here.
  const Vector d = direction_of(history.y(9), history);
  std::string why = sign_or_nan(history.y(9), d);
  if (why.empty() && relative_error(d, -history.s(9)) > 1e-10) why = secant_diagnosis(history);
  BOOST_TEST(why.empty(), why);
}

BOOST_AUTO_TEST_CASE(
    lbfgs_converges_on_rosenbrock,
    *utf::description("§4.9: the L-BFGS rule (m = 6, strong Wolfe c₂ = 0.9) reaches ‖g‖ ≤ 1e-6 "
                      "on Rosenbrock in n = 2, 10 and 100 dimensions from the classic start, "
                      "storing 2m vectors; the f and ∇f the driver reports at each iterate, "
                      "handed over from the line search, are the problem's there, bit for bit")) {
  for (Index n : {2, 10, 100}) {
    const Rosenbrock rosenbrock(n);
    LbfgsRule rule = lbfgs_rule();
    StoppingRules stopping;
    stopping.gradient_tolerance = 1e-6;
    stopping.max_iterations = 5000;
    testing::RecomputesEveryIterate check(rosenbrock);
    const Result result =
        minimize(rosenbrock, rule, rosenbrock.default_start(), stopping, {&check});
    BOOST_TEST_MESSAGE("lbfgs on rosenbrock n = " << n << ": " << result.iterations
                                                  << " iterations, " << result.function_evaluations
                                                  << " evaluations, f = " << result.loss);
    BOOST_TEST_INFO("n = " << n << ": " << result.message);
    BOOST_TEST(result.converged());
    BOOST_TEST(rule.name() == "lbfgs (m = 6)");
    BOOST_TEST(rule.state().history.size() == std::min<long>(6, result.iterations));
    BOOST_TEST(check.first_wrong() == -1,
               "n = " << n << ": at iteration " << check.first_wrong()
                      << " the driver's f or ∇f is not the problem's at x_k");
  }
}

// Measured (Debug build, m = 6; iterations / evaluations, ours then LBFGSpp's):
//   Rosenbrock n = 2, ‖g‖ ≤ 1e-6            36 / 45       41 / 59
//   Rosenbrock n = 100, ‖g‖ ≤ 1e-6          544 / 632     544 / 637
//   logistic regression n = 31, ‖g‖ ≤ 1e-6  52 / 57       52 / 56
//   Rosenbrock n = 10⁴, steps 200 to 1000   f 9859.26 → 9701.46 in 1149 evaluations,
//                                           f 9859.70 → 9702.51 in 1178
// Both run the same algorithm: the same two-loop direction, α₀ = 1/‖g₀‖ then 1, the same
// bracketing (Nocedal and Wright's Algorithm 3.5, doubling α). They differ in the zoom: ours
// interpolates a cubic through φ and φ' at both ends of the bracket, LBFGSpp a quadratic through φ
// at both ends and φ' at one; where the zoom runs often (Rosenbrock n = 2, whose valley makes α = 1
// overshoot) ours needs fewer evaluations, and the iterates part after a few steps. Hence the
// tolerances: iterations within 10% + 5, evaluations within 10% + 15 of LBFGSpp's. Rosenbrock
// with n = 10⁴ needs about 50 000 steps from the classic start in both (the valley's bend travels
// along the chain a few coordinates per step): too long for a test. Both fall from f₀ ≈ 2.5·10⁶ to
// about 9860 in 200 steps and then crawl along the valley floor, f falling by about 0.2 a step;
// their trajectories differ from the first line search on (the two searches interpolate
// differently), so what must agree is the crawl's rate: the decrease of f from step 200 to step
// 1000 (measured 157.8 for ours and 157.2 for LBFGSpp, 0.4% apart; 0.3-0.8% over other windows
// up to 2000 steps) to 2%, with evaluations within 10%.
BOOST_AUTO_TEST_CASE(matches_lbfgspp,
                     *utf::description("§4.9: our L-BFGS and LBFGSpp's (Nocedal–Wright "
                                       "strong-Wolfe search), m = 6 and the same c₁, c₂ and "
                                       "gradient test, on Rosenbrock (n = 2, 100) and logistic "
                                       "regression on breast cancer (λ = 10⁻³): both converge, "
                                       "iterations within 10% + 5 and evaluations within 10% + 15 "
                                       "of LBFGSpp's; on Rosenbrock n = 10⁴ both lower f at the "
                                       "same rate along the valley floor (steps 200 to 1000, to "
                                       "2%)")) {
  const Split breast = standardised_split("breast_cancer.csv");
  const Rosenbrock r2(2), r100(100), r10000(10000);
  const LogisticRegression logistic(breast.train, 1e-3);
  for (const Problem* problem : std::initializer_list<const Problem*>{&r2, &r100, &logistic}) {
    const double tolerance = 1e-6;
    const Comparison c = compare_with_lbfgspp(*problem, 6, tolerance, 100000);
    const Result& ours = c.ours;
    std::ostringstream both;
    both << problem->name() << " n = " << problem->dimension() << ": ours " << ours.iterations
         << " iterations, " << ours.function_evaluations << " evaluations, f = " << ours.loss
         << "; LBFGSpp " << c.their_iterations << " iterations, " << c.their_evaluations
         << " evaluations, f = " << c.their_loss;
    BOOST_TEST_MESSAGE(both.str());
    BOOST_TEST_CONTEXT(both.str() << "; ours: " << ours.message) {
      BOOST_TEST_REQUIRE(ours.converged());
      BOOST_TEST(c.their_gradient_norm <= tolerance);
      BOOST_TEST(std::abs(ours.iterations - c.their_iterations) <= 0.1 * c.their_iterations + 5);
      BOOST_TEST(std::abs(ours.function_evaluations - c.their_evaluations) <=
                 0.1 * c.their_evaluations + 15);
      // Rosenbrock's minimum is 0; logistic regression's, with λ > 0, is strongly convex
      // (μ ≥ λ = 1e-3): f − f* ≤ ‖g‖²/2μ = 5e-10, about 1e-8 of f.
      if (problem == &logistic) {
        BOOST_TEST(ours.loss == c.their_loss, tt::tolerance(1e-8));
      } else {
        BOOST_TEST(ours.loss < 1e-12);
        BOOST_TEST(c.their_loss < 1e-12);
      }
    }
  }
  const Comparison floor = compare_with_lbfgspp(r10000, 6, 1e-5, 200);
  const Comparison c = compare_with_lbfgspp(r10000, 6, 1e-5, 1000);
  const double our_decrease = floor.ours.loss - c.ours.loss;
  const double their_decrease = floor.their_loss - c.their_loss;
  BOOST_TEST_MESSAGE("rosenbrock n = 10⁴, steps 200 to 1000: ours f "
                     << floor.ours.loss << " -> " << c.ours.loss << " in "
                     << c.ours.function_evaluations << " evaluations; LBFGSpp f "
                     << floor.their_loss << " -> " << c.their_loss << " in " << c.their_evaluations
                     << " evaluations");
  BOOST_TEST(c.ours.iterations == 1000);
  BOOST_TEST(c.their_iterations == 1000);
  BOOST_TEST(our_decrease > 0.0);
  BOOST_TEST(our_decrease == their_decrease, tt::tolerance(0.02));
  BOOST_TEST(std::abs(c.ours.function_evaluations - c.their_evaluations) <=
             0.1 * c.their_evaluations);
}

BOOST_AUTO_TEST_SUITE_END()
