// Chapter 4 update rules. The graded functions they call, newton_direction(),
// hessian_vector_by_differences(), exact_line_search_step() and conjugate_gradient_step(), are
// exercises: see exercises/ch04/.
#include "workbook/curvature.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <cmath>
#include <stdexcept>

#include "catalogue.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/registry.hpp"

namespace workbook {

const std::vector<Choice<HessianModification>>& setting_choices(HessianModification) {
  static const std::vector<Choice<HessianModification>> choices{
      {"none", HessianModification::none},
      {"levenberg-marquardt", HessianModification::levenberg_marquardt},
      {"eigenvalue", HessianModification::eigenvalue}};
  return choices;
}

const std::vector<Choice<Preconditioner>>& setting_choices(Preconditioner) {
  static const std::vector<Choice<Preconditioner>> choices{{"none", Preconditioner::none},
                                                           {"jacobi", Preconditioner::jacobi}};
  return choices;
}

std::string to_string(HessianModification modification) {
  return setting_text(modification);
}

std::string to_string(Preconditioner preconditioner) {
  return setting_text(preconditioner);
}

const Settings<NewtonParams>& NewtonParams::fields() {
  static const auto fields =
      Settings<NewtonParams>()
          .add(&NewtonParams::modification, "modification", "modification",
               "at a Hessian that is not positive definite: stop, or shift it (H + lambda I), or "
               "flip and raise its eigenvalues")
          .add(&NewtonParams::damping, "damping", "damping", Range::positive(),
               "lambda_0 of Levenberg-Marquardt, delta of the eigenvalue modification");
  return fields;
}

void NewtonParams::validate(Naming naming) const {
  fields().check(*this, naming);
  armijo.validate(naming);
}

const Settings<SteepestDescentParams>& SteepestDescentParams::fields() {
  static const Settings<SteepestDescentParams> fields;
  return fields;
}

const Settings<ConjugateGradientParams>& ConjugateGradientParams::fields() {
  static const auto fields = Settings<ConjugateGradientParams>().add(
      &ConjugateGradientParams::preconditioner, "preconditioner", "preconditioner",
      "the preconditioner M: none (M = I) or jacobi (M = diag A)");
  return fields;
}

namespace {

// Where the first entry of a Hessian that is not finite is, for a message.
std::string first_non_finite(const Matrix& H) {
  for (Index j = 0; j < H.cols(); ++j)
    for (Index i = 0; i < H.rows(); ++i)
      if (!std::isfinite(H(i, j)))
        return "H(" + std::to_string(i) + ", " + std::to_string(j) +
               ") = " + format_number(H(i, j));
  return {};
}

// H + λI with the smallest λ ∈ {0, λ₀, 2λ₀, 4λ₀, ...} whose Cholesky factorisation succeeds
// (Nocedal and Wright, Algorithm 3.3, with τ₀ = 0 first); returns λ.
double levenberg_marquardt_shift(Matrix& H, double lambda0) {
  Eigen::LLT<Matrix> cholesky(H);
  if (cholesky.info() == Eigen::Success) return 0.0;
  const double scale = std::max(1.0, H.diagonal().cwiseAbs().maxCoeff());
  for (double lambda = lambda0 * scale; std::isfinite(lambda); lambda *= 2.0) {
    Matrix shifted = H;
    shifted.diagonal().array() += lambda;
    cholesky.compute(shifted);
    if (cholesky.info() == Eigen::Success) {
      H = std::move(shifted);
      return lambda;
    }
  }
  throw Breakdown("no shift H + λI with finite λ is positive definite");
}

// Q max(|Λ|, δ) Qᵀ: the negative curvatures flipped, the small ones raised to δ. Returns whether
// anything changed.
bool modify_eigenvalues(Matrix& H, double delta) {
  Eigen::SelfAdjointEigenSolver<Matrix> eigen(H);
  const Vector& lambda = eigen.eigenvalues();
  if (lambda.minCoeff() >= delta) return false;
  const Vector modified = lambda.cwiseAbs().cwiseMax(delta);
  H = eigen.eigenvectors() * modified.asDiagonal() * eigen.eigenvectors().transpose();
  return true;
}

// The message of a rule that needs the Hessian and was given a problem without one; a quadratic
// can be solved by conjugate gradients, which need only products with it.
std::string no_hessian(const Problem& problem, const std::string& method) {
  std::string message =
      method + " needs the Hessian of the problem; '" + problem.name() + "' has none";
  if (problem.is_quadratic()) {
    message +=
        ": it is a quadratic, try cg (conjugate gradients need only Hessian-vector products)";
  }
  return message;
}

// The message of a rule that needs a quadratic and was given another problem.
void require_quadratic(const Objective& objective, const std::string& method) {
  if (!objective.problem().is_quadratic()) {
    throw std::invalid_argument(method +
                                " needs a quadratic f = ½xᵀAx − bᵀx (Problem::is_quadratic()); '" +
                                objective.problem().name() + "' is not one");
  }
}

}  // namespace

void newton_step(Vector& x, double loss, const Vector& gradient, Objective& objective,
                 NewtonState& state, const NewtonParams& params) {
  if (!objective.problem().has_hessian()) {
    throw std::invalid_argument(
        no_hessian(objective.problem(), params.line_search ? "damped-newton" : "newton"));
  }
  Matrix H = objective.hessian(x);  // ∇²f(x_k)
  if (const std::string where = first_non_finite(H); !where.empty()) {
    throw Breakdown("the Hessian at x_k is not finite: " + where);
  }
  state.shift = 0.0;
  if (params.modification == HessianModification::levenberg_marquardt) {
    state.shift = levenberg_marquardt_shift(H, params.damping);
    if (state.shift > 0.0) ++state.modified_steps;
  } else if (params.modification == HessianModification::eigenvalue) {
    if (modify_eigenvalues(H, params.damping)) ++state.modified_steps;
  }
  const Vector p = newton_direction(H, gradient);  // H p = −g; Breakdown if H is not SPD
  state.step_size = 1.0;
  if (params.line_search) {
    const ScalarFunction f = [&objective](const Vector& y) { return objective.value(y); };
    try {
      state.step_size = armijo_backtracking(f, x, loss, gradient, p, params.armijo);
    } catch (const std::invalid_argument&) {
      throw Breakdown("the Newton direction is not a descent direction: gᵀp = " +
                      format_number(gradient.dot(p)));
    } catch (const std::runtime_error& error) {
      throw Breakdown(std::string("the line search found no step: ") + error.what());
    }
  }
  x += state.step_size * p;
  ++state.t;
}

NewtonRule newton_rule(NewtonParams params) {
  return {params, newton_step, [](const NewtonParams& p) {
            std::string name = p.line_search ? "damped-newton" : "newton";
            if (p.modification != HessianModification::none)
              name += " (" + to_string(p.modification) + ")";
            return name;
          }};
}

void steepest_descent_step(Vector& x, double, const Vector& gradient, Objective& objective,
                           SteepestDescentState& state, const SteepestDescentParams&) {
  require_quadratic(objective, "steepest descent with exact steps");
  exact_line_search_step(x, gradient, objective, state);
}

SteepestDescentRule steepest_descent_rule() {
  return {SteepestDescentParams{}, steepest_descent_step,
          [](const SteepestDescentParams&) { return std::string("steepest-descent"); }};
}

void ConjugateGradientState::reset(Index n, const ConjugateGradientParams&) {
  r.setZero(n);
  z.setZero(n);
  p.setZero(n);
  Ap.setZero(n);
  inverse_diagonal.setOnes(n);
  rz = step_size = beta = 0.0;
  t = 0;
}

void ConjugateGradientState::start(const Vector& residual, const Vector& inverse) {
  require_size("inverse_diagonal", inverse, residual.size(), "the size of the residual");
  for (Index i = 0; i < inverse.size(); ++i) {
    if (!(inverse(i) > 0.0) || !std::isfinite(inverse(i))) {
      throw std::invalid_argument("the preconditioner M⁻¹ has entry " + std::to_string(i) + " = " +
                                  format_number(inverse(i)) +
                                  ": expected a positive, finite number");
    }
  }
  r = residual;  // r_0 = b − A x_0
  inverse_diagonal = inverse;
  z = inverse_diagonal.cwiseProduct(r);  // z_0 = M⁻¹ r_0
  p = z;                                 // p_0 = z_0
  rz = r.dot(z);
  Ap.setZero(r.size());
}

void linear_conjugate_gradient_step(Vector& x, double, const Vector& gradient, Objective& objective,
                                    ConjugateGradientState& state,
                                    const ConjugateGradientParams& params) {
  if (state.t == 0) {
    require_quadratic(objective, "linear conjugate gradients");
    Vector inverse = Vector::Ones(x.size());
    if (params.preconditioner == Preconditioner::jacobi) {
      inverse = objective.problem().hessian_diagonal(x).cwiseInverse();
    }
    state.start(-gradient, inverse);
  }
  if (state.rz == 0.0) return;  // r_k = 0: x_k solves Ax = b
  conjugate_gradient_step(x, objective, state);
}

ConjugateGradientRule conjugate_gradient_rule(ConjugateGradientParams params) {
  return {params, linear_conjugate_gradient_step, [](const ConjugateGradientParams& p) {
            return p.preconditioner == Preconditioner::none
                       ? std::string("cg")
                       : "cg (" + to_string(p.preconditioner) + ")";
          }};
}

Result solve_by_conjugate_gradients(const Problem& problem, const Vector& x0,
                                    double relative_tolerance, long max_iterations,
                                    ConjugateGradientParams params) {
  require_positive("relative_tolerance", relative_tolerance);
  ConjugateGradientRule rule = conjugate_gradient_rule(params);
  StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.relative_gradient_tolerance = relative_tolerance;
  stopping.max_iterations = max_iterations;
  return minimize(problem, rule, x0, stopping);
}

}  // namespace workbook

// ------------------------------------------------------------------------------------ catalogue

namespace workbook {
namespace {

// The registry's problems that are quadratics, with their default settings: "quadratic,
// least_squares, poisson-2d".
std::string registered_quadratics() {
  std::string names;
  for (const ProblemEntry& entry : registry().problems()) {
    try {
      if (entry.make({})->is_quadratic()) names += (names.empty() ? "" : ", ") + entry.name;
    } catch (const std::exception&) {  // a data file missing: not a quadratic anyway
    }
  }
  return names;
}

// The check of an entry for a method that runs on quadratics only, naming the ones there are.
std::function<void(const Problem&)> quadratics_only(const std::string& method) {
  return [method](const Problem& problem) {
    if (problem.is_quadratic()) return;
    throw std::invalid_argument(method + " needs a quadratic f = 1/2 x'Ax - b'x; '" +
                                problem.name() +
                                "' is not one (the quadratics: " + registered_quadratics() + ")");
  };
}

// The check of an entry for a method that needs the Hessian.
std::function<void(const Problem&)> hessian_needed(const std::string& method) {
  return [method](const Problem& problem) {
    if (!problem.has_hessian()) throw std::invalid_argument(no_hessian(problem, method));
  };
}

}  // namespace

void catalogue::add_curvature(Registry& registry) {
  registry.add(optimizer_entry(
      "newton",
      "Newton's method, full steps: H p = -grad f, x <- x + p; stops at a Hessian that is not "
      "positive definite unless --modification says otherwise (Chapter 4)",
      NewtonParams::fields(), [](NewtonParams params) { return newton_rule(params); },
      hessian_needed("newton")));
  registry.add(optimizer_entry(
      "damped-newton",
      "Newton's method with backtracking (Armijo) line search from the full step (Chapter 4)",
      Settings<NewtonParams>(NewtonParams::fields())
          .include(&NewtonParams::armijo, ArmijoParams::fields()),
      [](NewtonParams params) {
        params.line_search = true;
        return newton_rule(params);
      },
      hessian_needed("damped-newton")));
  registry.add(optimizer_entry(
      "steepest-descent",
      "steepest descent with exact steps, on quadratics only: x <- x - alpha g, alpha = g'g / "
      "g'Ag (Chapter 4)",
      SteepestDescentParams::fields(),
      [](const SteepestDescentParams&) { return steepest_descent_rule(); },
      quadratics_only("steepest-descent")));
  registry.add(optimizer_entry(
      "cg",
      "linear conjugate gradients on a quadratic (Ax = b), preconditioned or not; stop it with "
      "--rtol (Chapter 4)",
      ConjugateGradientParams::fields(), conjugate_gradient_rule, quadratics_only("cg")));
}

}  // namespace workbook
