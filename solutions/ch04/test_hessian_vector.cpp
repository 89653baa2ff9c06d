// Chapter 4, §4.3: ∇²f(x)v from two gradients, with a step chosen to balance truncation and
// rounding, for v of any length. Exercise: hessian_vector_product
// (exercises/ch04/hessian_vector_product.cpp, hessian_vector_by_differences()).
#include <cmath>
#include <limits>
#include <sstream>

#include "workbook/curvature.hpp"
#include "workbook/problems.hpp"
#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// ∇f of `problem`, as a function, counting its calls.
struct CountedGradient {
  const Problem& problem;
  long calls = 0;
  GradientFunction function() {
    return [this](const Vector& y) {
      ++calls;
      Vector g;
      problem.gradient(y, g);
      return g;
    };
  }
};

// f(x) = Σ c_i x_i³ / 6 + ½ Σ x_i²: ∇f is quadratic, ∇²f = diag(c ∘ x) + I.
class Cubic final : public Problem {
 public:
  explicit Cubic(Vector c) : c_(std::move(c)) {}
  std::string name() const override { return "cubic"; }
  Index dimension() const override { return c_.size(); }
  double value(const Vector& x) const override {
    return (c_.array() * x.array().cube()).sum() / 6.0 + 0.5 * x.squaredNorm();
  }
  void gradient(const Vector& x, Vector& g) const override {
    g = (0.5 * c_.array() * x.array().square()).matrix() + x;
  }
  bool has_hessian() const override { return true; }
  Matrix hessian(const Vector& x) const override {
    Matrix H = (c_.array() * x.array()).matrix().asDiagonal();
    H.diagonal().array() += 1.0;
    return H;
  }
  Vector default_start() const override { return Vector::Ones(dimension()); }

 private:
  Vector c_;
};

// The error of `approximation` against the exact ∇²f(x)v, relative to ‖∇²f(x)‖‖v‖ (the scale of
// the product, which may itself be small by cancellation).
double relative_error(const Problem& problem, const Vector& x, const Vector& v,
                      const Vector& approximation) {
  const Matrix H = problem.hessian(x);
  const double scale = H.norm() * v.norm();
  return (approximation - H * v).norm() / scale;
}

Vector random_vector(Index n, std::uint64_t seed, double scale = 1.0) {
  Random random(seed);
  Vector v(n);
  for (Index i = 0; i < n; ++i) v(i) = scale * random.normal();
  return v;
}

// Which slip hessian_vector_by_differences() makes, read from probes where each slip shows alone:
//   - a quadratic with |∇f| ≈ 10², where a central difference has no truncation error: an error
//     there is rounding (ε|∇f|/h), so h is too small;
//   - a cubic, where a central difference is exact too but a one-sided one is not;
//   - Rosenbrock at x ≈ 1 with ‖v‖ = 1 and 10⁶: an error that grows with ‖v‖ is a step along v
//     that grows with it.
// Empty when every probe is within 1e-9 (1e-7 for Rosenbrock) of ‖∇²f‖‖v‖.
std::string the_slip() {
  auto error_of = [](const Problem& problem, const Vector& x, const Vector& v) {
    CountedGradient gradient{problem};
    const Vector Hv = workbook::hessian_vector_by_differences(gradient.function(), x, v);
    if (Hv.size() != v.size() || !Hv.allFinite()) return std::numeric_limits<double>::infinity();
    return relative_error(problem, x, v, Hv);
  };
  try {
    const Vector eigenvalues = Vector::LinSpaced(6, 1.0, 10.0);
    const Quadratic shifted(Matrix(eigenvalues.asDiagonal()), Vector::Constant(6, -40.0));
    const Vector x = Vector::LinSpaced(6, -1.0, 1.0), v = random_vector(6, 8);
    const double rounding = error_of(shifted, x, v);
    if (rounding > 1e-9) {
      return "on a quadratic with |∇f| ≈ 10², where a central difference has no truncation error, "
             "the error is " +
             format_number(rounding) +
             " of ‖∇²f‖‖v‖: rounding, about ε|∇f|/h, dominates: is h too small? §1.6: for a "
             "central difference the best h is about ε^{1/3} times the size of x";
    }
    const Cubic cubic(Vector::LinSpaced(6, -3.0, 3.0));
    const double one_sided = error_of(cubic, x, v);
    if (one_sided > 1e-9) {
      return "on a cubic f, where (∇f(x + hu) − ∇f(x − hu))/2h is exact, the error is " +
             format_number(one_sided) +
             ": is it a one-sided difference, (∇f(x + hu) − ∇f(x))/h, off by (h/2)∇³f[u, u]?";
    }
    const Rosenbrock rosenbrock(6);
    const Vector near = Vector::Constant(6, 1.1);
    const Vector long_v = 1e6 * v / v.norm();
    const double short_error = error_of(rosenbrock, near, v / v.norm());
    const double long_error = error_of(rosenbrock, near, long_v);
    if (long_error > 1e-7 && long_error > 100.0 * short_error) {
      return "on Rosenbrock the error is " + format_number(short_error) + " for ‖v‖ = 1 but " +
             format_number(long_error) +
             " for ‖v‖ = 10⁶: The step must not grow with ‖v‖: move by h along u = v/‖v‖ and "
             "scale the quotient by ‖v‖ (∇²f v is linear in v)";
    }
  } catch (const std::exception& error) {
    return std::string("it threw: ") + error.what();
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hessian_vector_product)

BOOST_AUTO_TEST_CASE(
    exact_when_the_gradient_is_quadratic,
    *utf::description(
        "§4.3: the central difference of gradients is exact (up to rounding) when ∇f "
        "is a polynomial of degree ≤ 2: on a quadratic (κ = 100) and on a cubic, error "
        "≤ 1e-9 of ‖∇²f‖‖v‖; a one-sided difference is not exact on the cubic")) {
  const Quadratic quadratic = Quadratic::with_condition_number(8, 100.0, 3);
  const Cubic cubic(Vector::LinSpaced(8, -3.0, 3.0));
  const Vector x = random_vector(8, 1), v = random_vector(8, 2);
  for (const Problem* problem :
       {static_cast<const Problem*>(&quadratic), static_cast<const Problem*>(&cubic)}) {
    CountedGradient gradient{*problem};
    const Vector Hv = workbook::hessian_vector_by_differences(gradient.function(), x, v);
    BOOST_TEST_REQUIRE(Hv.size() == 8);
    const double error = relative_error(*problem, x, v, Hv);
    BOOST_TEST(error < 1e-9, problem->name()
                                 << ": " << the_slip() << "; error " << format_number(error)
                                 << " of ‖∇²f‖‖v‖, where ∇f is a polynomial of degree "
                                 << (problem == &quadratic ? "1" : "2")
                                 << ": the central difference (∇f(x + hu) − ∇f(x − hu))/2h is "
                                    "exact then; a one-sided difference, (∇f(x + hu) − ∇f(x))/h, "
                                    "is off by (h/2)∇³f[u, u], first order in h");
  }
}

BOOST_AUTO_TEST_CASE(
    accurate_for_any_length_of_v,
    *utf::description("§4.3: on Rosenbrock (n = 10) at two points, one where |∇f| ≈ 10⁴, for "
                      "‖v‖ = 10⁻⁶, 1 and 10⁶: error ≤ 1e-7 of ‖∇²f‖‖v‖; for v = 0 exactly 0; two "
                      "gradients per product")) {
  const Rosenbrock rosenbrock(10);
  const Vector x_near = Vector::Constant(10, 0.9) + random_vector(10, 4, 0.05);
  const Vector x_steep = Vector::Constant(10, 3.0) + random_vector(10, 5, 0.1);
  for (const Vector* x : {&x_near, &x_steep}) {
    Vector g;
    rosenbrock.gradient(*x, g);
    for (double length : {1e-6, 1.0, 1e6}) {
      Vector v = random_vector(10, 6);
      v *= length / v.norm();
      CountedGradient gradient{rosenbrock};
      const Vector Hv = workbook::hessian_vector_by_differences(gradient.function(), *x, v);
      BOOST_TEST_REQUIRE(Hv.size() == 10);
      const double error = relative_error(rosenbrock, *x, v, Hv);
      std::ostringstream why;
      why << "at |∇f| = " << format_number(g.norm()) << ", ‖v‖ = " << format_number(length)
          << ": error " << format_number(error) << " of ‖∇²f‖‖v‖";
      if (!Hv.allFinite()) {
        why << ": the product has a NaN or infinite entry";
      } else if (error > 1e-7 && length > 1.0) {
        why << ": too large for a long v only? The step must not grow with ‖v‖: move by h along "
               "u = v/‖v‖ and scale the quotient by ‖v‖ (∇²f v is linear in v)";
      } else if (error > 1e-7 && g.norm() > 1e3) {
        why << ", where |∇f| is large: rounding, about ε|∇f|/h, dominates: is h too small? "
               "§1.6: for a central difference the best h is about ε^{1/3} times the size of x";
      } else if (error > 1e-7) {
        why << ": truncation (∝ h², or ∝ h for a one-sided difference) or rounding (∝ ε/h)";
      }
      if (error >= 1e-7) why << "; " << the_slip();
      BOOST_TEST(error < 1e-7, why.str());
      BOOST_TEST(gradient.calls == 2, gradient.calls << " gradient evaluations for one product: "
                                                     << "a central difference needs two");
    }
  }
  CountedGradient gradient{rosenbrock};
  const Vector zero =
      workbook::hessian_vector_by_differences(gradient.function(), x_near, Vector::Zero(10));
  BOOST_TEST((zero.size() == 10 && zero.allFinite() && zero.isZero(0.0)),
             "∇²f·0 must be exactly 0, not " << zero.transpose()
                                             << ": a NaN comes from dividing by ‖v‖ = 0");
}

BOOST_AUTO_TEST_CASE(
    names_a_size_mismatch,
    *utf::description("§4.3: v with 3 entries at x with 2: std::invalid_argument")) {
  const Quadratic quadratic = Quadratic::diagonal(Vector{{1.0, 2.0}});
  CountedGradient gradient{quadratic};
  BOOST_CHECK_THROW(workbook::hessian_vector_by_differences(gradient.function(), Vector::Ones(2),
                                                            Vector::Ones(3)),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
