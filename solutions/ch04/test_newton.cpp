// Chapter 4, §4.1–4.2: the Newton direction solves H p = −g, refuses a Hessian that is not positive
// definite, and stays accurate when H is nearly singular. Exercise: newton_direction
// (exercises/ch04/newton_direction.cpp).
#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <cmath>
#include <limits>
#include <sstream>

#include "workbook/curvature.hpp"
#include "workbook/problems.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

constexpr double epsilon = std::numeric_limits<double>::epsilon();

// A random orthogonal matrix Q (n × n) from `seed`.
Matrix rotation(Index n, std::uint64_t seed) {
  Random random(seed);
  Matrix G(n, n);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < n; ++j) G(i, j) = random.normal();
  return Eigen::HouseholderQR<Matrix>(G).householderQ();
}

// H = Q diag(λ) Qᵀ, symmetrised.
Matrix with_eigenvalues(const Vector& lambda, std::uint64_t seed) {
  const Matrix Q = rotation(lambda.size(), seed);
  const Matrix H = Q * lambda.asDiagonal() * Q.transpose();
  return 0.5 * (H + H.transpose());
}

// What p is, when it is not the solution of H p = −g, in the notes' words; empty when it is.
std::string diagnose_direction(const Matrix& H, const Vector& g, const Vector& p) {
  if (p.size() != g.size()) {
    return "p has " + std::to_string(p.size()) + " entries, g has " + std::to_string(g.size());
  }
  if (!p.allFinite()) return "p has a NaN or infinite entry";
  const Vector newton = H.llt().solve(-g);
  const double scale = newton.norm();
  auto near = [&](const Vector& candidate) {
    return (p - candidate).norm() <= 1e-8 * candidate.norm();
  };
  const double residual = (H * p + g).norm() / g.norm();
  if (residual <= 1e-10) return {};
  std::ostringstream why;
  why << "‖Hp + g‖/‖g‖ = " << format_number(residual) << ": p does not solve Hp = −g";
  if (near(-newton)) {
    why << "; p = +H⁻¹g, which points uphill (gᵀp = " << format_number(g.dot(p))
        << " > 0): the Newton step minimises the model f + gᵀp + ½pᵀHp, whose gradient g + Hp "
           "vanishes at p = −H⁻¹g";
  } else if (near(-g)) {
    why << "; p = −g: that is a gradient step with η = 1, not the Newton step";
  } else if (near(-(H * g))) {
    why << "; p = −Hg: g was multiplied by H instead of solved with it";
  } else if (g.dot(p) >= 0) {
    why << "; and gᵀp = " << format_number(g.dot(p)) << " ≥ 0: p does not even descend";
  } else {
    why << "; |p| = " << format_number(p.norm()) << ", |H⁻¹g| = " << format_number(scale);
  }
  return why.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(newton_direction)

BOOST_AUTO_TEST_CASE(solves_the_newton_system,
                     *utf::description("§4.1: p = −H⁻¹g, the minimiser of the quadratic model: "
                                       "Hp = −g to rounding for a 2 × 2 and a random 6 × 6 SPD "
                                       "Hessian, gᵀp < 0, and neither input changes")) {
  const Matrix H2{{4.0, 1.0}, {1.0, 3.0}};
  const Vector g2{{1.0, 2.0}};
  // By hand: H⁻¹ = (1/11) [[3, −1], [−1, 4]], so p = −H⁻¹g = −(1/11)(1, 7).
  const Vector expected{{-1.0 / 11.0, -7.0 / 11.0}};
  const Vector p2 = workbook::newton_direction(H2, g2);
  BOOST_TEST_INFO(diagnose_direction(H2, g2, p2));
  BOOST_TEST_REQUIRE(p2.size() == 2);
  BOOST_TEST(p2(0) == expected(0), tt::tolerance(1e-14));
  BOOST_TEST(p2(1) == expected(1), tt::tolerance(1e-14));

  const Matrix H = with_eigenvalues(Vector{{0.5, 1.0, 2.0, 3.0, 5.0, 8.0}}, 4);
  Random random(5);
  Vector g(6);
  for (Index i = 0; i < 6; ++i) g(i) = random.normal();
  const Matrix H_before = H;
  const Vector g_before = g;
  const Vector p = workbook::newton_direction(H, g);
  const std::string why = diagnose_direction(H, g, p);
  BOOST_TEST(why.empty(), why);
  BOOST_TEST(g.dot(p) < 0.0, "gᵀp = " << g.dot(p) << ": the Newton direction of an SPD H descends");
  BOOST_TEST((H == H_before),
             "the Hessian was changed: newton_direction() takes it by const "
             "reference and must leave it as it was");
  BOOST_TEST((g == g_before), "the gradient was changed");
}

BOOST_AUTO_TEST_CASE(one_newton_step_minimises_a_quadratic,
                     *utf::description("§4.1: on f = ½xᵀAx − bᵀx the model is f itself, so one "
                                       "Newton step from anywhere lands on x* = A⁻¹b (κ = 10³, "
                                       "n = 20): |x₁ − x*| ≤ 1e-10 |x₀ − x*|")) {
  const Quadratic quadratic = Quadratic::with_condition_number(20, 1e3, 7);
  const Quadratic problem(quadratic.A(), quadratic.A() * Vector::LinSpaced(20, -1.0, 1.0));
  NewtonRule newton = newton_rule();
  const Vector x0 = Vector::Constant(20, 3.0);
  const Result result = testing::run_steps(problem, newton, x0, 1);
  const Vector x_star = problem.minimisers().front();
  const double error = (result.x - x_star).norm() / (x0 - x_star).norm();
  BOOST_TEST(result.x.allFinite(), "x₁ has a NaN: " << result.message);
  BOOST_TEST(error < 1e-10, "after one Newton step |x₁ − x*|/|x₀ − x*| = "
                                << format_number(error)
                                << ": the Newton step of a quadratic is x* − x₀ exactly");
  BOOST_TEST(result.hessian_evaluations == 1);
}

BOOST_AUTO_TEST_CASE(refuses_a_hessian_that_is_not_positive_definite,
                     *utf::description("§4.2: at a saddle (H = diag(2, −1)), at a singular H "
                                       "(diag(1, 0)) and for a negative definite H the model has "
                                       "no minimiser: Breakdown; plain Newton on f = x² − y² stops "
                                       "with StopReason::breakdown at its start, not with a NaN")) {
  const Vector g{{1.0, 1.0}};
  const Matrix saddle{{2.0, 0.0}, {0.0, -1.0}};
  const Matrix singular{{1.0, 0.0}, {0.0, 0.0}};
  const Matrix negative{{-1.0, 0.5}, {0.5, -2.0}};
  for (const auto& [H, what] : {std::pair{saddle, "a saddle, λ = 2 and −1"},
                                std::pair{singular, "a singular Hessian, λ = 1 and 0"},
                                std::pair{negative, "a negative definite Hessian"}}) {
    bool broke_down = false;
    std::string got;
    try {
      const Vector p = workbook::newton_direction(H, g);
      got = "it returned p = (" + format_number(p(0)) + ", " + format_number(p(1)) +
            "), gᵀp = " + format_number(g.dot(p));
    } catch (const Breakdown&) {
      broke_down = true;
    }
    BOOST_TEST(broke_down, what << ": no Breakdown was thrown (" << got
                                << "): H is not positive definite, so the quadratic model has no "
                                   "minimiser and −H⁻¹g need not descend; check H, e.g. by "
                                   "whether its Cholesky factorisation exists");
  }
  // f = x² − y²: H = diag(2, −2) everywhere.
  class Saddle final : public Problem {
   public:
    std::string name() const override { return "saddle"; }
    Index dimension() const override { return 2; }
    double value(const Vector& x) const override { return x(0) * x(0) - x(1) * x(1); }
    void gradient(const Vector& x, Vector& g) const override { g = Vector{{2 * x(0), -2 * x(1)}}; }
    bool has_hessian() const override { return true; }
    Matrix hessian(const Vector&) const override { return Matrix{{2.0, 0.0}, {0.0, -2.0}}; }
    Vector default_start() const override { return Vector{{1.0, 0.5}}; }
  } saddle_problem;
  NewtonRule newton = newton_rule();
  const Result result = minimize(saddle_problem, newton, saddle_problem.default_start());
  BOOST_TEST(result.reason == StopReason::breakdown,
             "plain Newton on x² − y²: " << result.message
                                         << "; expected it to stop with a breakdown at x₀");
  BOOST_TEST(result.x.allFinite());
}

BOOST_AUTO_TEST_CASE(accurate_when_the_hessian_is_nearly_singular,
                     *utf::description("§4.1: H with κ = 10¹² (n = 10) and g along its stiffest "
                                       "eigenvector: a backward-stable solve leaves "
                                       "‖Hp + g‖/‖g‖ of a few ε; H⁻¹ formed explicitly leaves "
                                       "about κε ≈ 10⁻⁵")) {
  Vector lambda(10);
  for (Index i = 0; i < 10; ++i) lambda(i) = std::pow(1e12, static_cast<double>(i) / 9.0);
  const Matrix Q = rotation(10, 11);
  const Matrix H = with_eigenvalues(lambda, 11);
  const Vector g = Q.col(9);  // along λ_max = 10¹²: p = −g/10¹² is tiny
  const Vector p = workbook::newton_direction(H, g);
  BOOST_TEST_REQUIRE(p.size() == 10);
  const double residual = (H * p + g).norm() / g.norm();
  BOOST_TEST(
      residual < 100 * epsilon,
      "‖Hp + g‖/‖g‖ = "
          << format_number(residual) << ", but a backward-stable solve "
          << "(a Cholesky or LU factorisation of H) leaves a few ε = " << format_number(epsilon)
          << "; an error near κε = " << format_number(1e12 * epsilon)
          << " grows with the condition number, as it does when H⁻¹ is formed and then "
             "multiplied by g: solve with a factorisation instead");
}

BOOST_AUTO_TEST_CASE(names_a_size_mismatch,
                     *utf::description("§4.1: a 3 × 3 Hessian with a gradient of 2 entries, and a "
                                       "2 × 3 Hessian: std::invalid_argument")) {
  BOOST_CHECK_THROW(workbook::newton_direction(Matrix::Identity(3, 3), Vector::Ones(2)),
                    std::invalid_argument);
  BOOST_CHECK_THROW(workbook::newton_direction(Matrix::Ones(2, 3), Vector::Ones(2)),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
