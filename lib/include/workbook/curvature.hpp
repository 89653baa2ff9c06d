/// \file
/// Chapter 4: curvature. Newton's method and its safeguards, steepest descent with exact steps
/// and linear conjugate gradients on quadratics, and Hessian–vector products.
///
/// Every method here is an update rule run by the one driver, minimize(); what it evaluates
/// (\f$\nabla^2 f\f$, \f$\nabla^2 f\,v\f$, trial values of \f$f\f$) goes through the Objective and is
/// counted in the run's Result. A rule that cannot step (plain Newton at an indefinite Hessian)
/// throws Breakdown, and the run ends with StopReason::breakdown and the numbers.
#pragma once

#include <string>
#include <vector>

#include "workbook/driver.hpp"
#include "workbook/function.hpp"
#include "workbook/gradient_descent.hpp"
#include "workbook/rule.hpp"
#include "workbook/settings.hpp"

namespace workbook {

// ------------------------------------------------------------------------------------- Newton

/// How Newton's method treats a Hessian that is not positive definite (\ref ch04-saddles "§4.2").
enum class HessianModification {
  /// None: plain Newton stops (StopReason::breakdown) at a Hessian that is not positive definite.
  none,
  /// Levenberg–Marquardt: \f$H + \lambda I\f$ with the smallest \f$\lambda = \lambda_0 2^j\f$ (\f$j \ge
  /// 0\f$, \f$\lambda = 0\f$ first) for which the Cholesky factorisation succeeds.
  levenberg_marquardt,
  /// Eigenvalue modification: \f$H = Q\Lambda Q^\top \to Q\,\max(|\Lambda|, \delta)\,Q^\top\f$; the
  /// negative curvature directions become directions of descent.
  eigenvalue
};

/// "none", "levenberg-marquardt", "eigenvalue".
std::string to_string(HessianModification modification);
/// The modifications by name, as the setting `modification` takes them (settings.hpp).
const std::vector<Choice<HessianModification>>& setting_choices(HessianModification);

/// Hyper-parameters of Newton's method (\ref ch04-newton "Chapter 4, §4.1–4.2").
struct NewtonParams {
  /// Damped Newton: the step is \f$\alpha_k p_k\f$ with \f$\alpha_k\f$ from Armijo backtracking
  /// (from \f$\alpha_0 = 1\f$, the full Newton step); off: \f$\alpha_k = 1\f$ always.
  bool line_search = false;
  /// What to do with a Hessian that is not positive definite.
  HessianModification modification = HessianModification::none;
  /// \f$\lambda_0\f$ of Levenberg–Marquardt, the first shift tried after \f$\lambda = 0\f$ fails, and
  /// \f$\delta\f$ of the eigenvalue modification, the smallest curvature kept; \f$> 0\f$.
  double damping = 1e-3;
  /// The backtracking line search of damped Newton (Chapter 1).
  ArmijoParams armijo{};
  /// Its fields: names, ranges and help (settings.hpp): the modification (by name) and the
  /// damping. The line search is chosen by the registry's entry (`newton` or `damped-newton`), not
  /// by a setting; `damped-newton` adds the fields of `armijo` (Settings::include()).
  static const Settings<NewtonParams>& fields();
  /// Throws `std::invalid_argument` naming the first value out of its range.
  void validate(Naming naming = Naming::code) const;
};

/// What Newton's method carries between steps: no vector, only what its last step did.
struct NewtonState {
  long t = 0;               ///< \f$t\f$, the steps taken
  double step_size = 0.0;   ///< \f$\alpha_k\f$ of the last step (1 without a line search)
  double shift = 0.0;       ///< the \f$\lambda\f$ Levenberg–Marquardt added at the last step
  long modified_steps = 0;  ///< steps whose Hessian had to be modified
  /// Nothing to size.
  void reset(Index, const NewtonParams&) {}
  /// 0 vectors between steps; the \f$n \times n\f$ Hessian is evaluated and factorised afresh at
  /// every step (\f$O(n^2)\f$ memory, \f$O(n^3)\f$ time: \ref ch04-cost "§4.4").
  int vectors() const { return 0; }
};

/// \name Chapter 4 exercises
/// Declared here once; defined in `exercises/ch04/` (the stubs a student completes) and in the
/// reference solutions. The rules below call them.
/// \{

/// The Newton direction \f$p\f$, the minimiser of the quadratic model
/// \f$m(p) = f + g^\top p + \tfrac12 p^\top H p\f$: the solution of \f$H p = -g\f$
/// (\ref ch04-newton "§4.1", \ref exercises/ch04/newton_direction.cpp "the stub").
///
/// Throws Breakdown, with a message that says so, if \f$H\f$ is not positive definite (then
/// \f$m\f$ has no minimiser and \f$p\f$ need not be a descent direction), and
/// `std::invalid_argument` naming the sizes if \f$H\f$ is not \f$n \times n\f$ for \f$g \in
/// \mathbb{R}^n\f$. `hessian` and `gradient` are not changed.
Vector newton_direction(const Matrix& hessian, const Vector& gradient);

/// \f$\nabla^2 f(x)\,v\f$ from two gradients, without the Hessian
/// (\ref ch04-hessian-vector "§4.3", \ref exercises/ch04/hessian_vector_product.cpp "the stub").
///
/// Accurate to about \f$10^{-8}\f$ relative to \f$\|\nabla^2 f(x)\|\,\|v\|\f$ for a smooth
/// \f$f\f$ whose third derivatives are of the order of its second, for any scale of \f$v\f$
/// (\f$v\f$ and \f$10^6 v\f$ alike) and any \f$x\f$ of moderate size; exactly 0 for \f$v = 0\f$.
/// Throws `std::invalid_argument` if the sizes of `x` and `v` differ.
Vector hessian_vector_by_differences(const GradientFunction& gradient_at, const Vector& x,
                                     const Vector& v);
/// \}

/// One step of Newton's method, in place (\ref ch04-newton "§4.1–4.2"):
/// \f[ H_k = \nabla^2 f(x_k) \text{ (modified as params say)}, \quad H_k p_k = -\nabla f(x_k),
/// \quad x_{k+1} = x_k + \alpha_k p_k, \f]
/// with \f$p_k\f$ from newton_direction() and \f$\alpha_k = 1\f$, or from Armijo backtracking
/// when `params.line_search`. Throws Breakdown when the (unmodified) Hessian is not positive
/// definite or not finite, or when the line search finds no step, and `std::invalid_argument`
/// naming the problem when it has no Hessian (Problem::has_hessian()).
void newton_step(Vector& x, double loss, const Vector& gradient, Objective& objective,
                 NewtonState& state, const NewtonParams& params);

/// Newton's method: a KernelRule of newton_step().
using NewtonRule = KernelRule<NewtonParams, NewtonState>;
/// Plain Newton, damped Newton or a modified Newton, as `params` say. Throws
/// `std::invalid_argument` if `params` is invalid.
NewtonRule newton_rule(NewtonParams params = {});

// --------------------------------------------------------------------- quadratics: exact steps

/// Steepest descent with exact steps has no hyper-parameter: the step size is computed.
struct SteepestDescentParams {
  /// No fields.
  static const Settings<SteepestDescentParams>& fields();
  /// Nothing to check.
  void validate(Naming = Naming::code) const {}
};

/// What steepest descent with exact steps carries: the step counter and the last step size.
struct SteepestDescentState {
  long t = 0;              ///< \f$t\f$, the steps taken
  double step_size = 0.0;  ///< \f$\alpha_k\f$ of the last step
  /// Nothing to size.
  void reset(Index, const SteepestDescentParams&) {}
  /// 0: no vector is kept between steps.
  int vectors() const { return 0; }
};

/// \name Chapter 4 exercises
/// \{

/// One step of steepest descent with the exact line search on a quadratic
/// \f$f = \tfrac12 x^\top A x - b^\top x\f$, in place
/// (\ref ch04-steepest-descent "§4.5", \ref exercises/ch04/exact_line_search.cpp "the stub"):
/// \f$x_{k+1} = x_k - \alpha_k g_k\f$ with \f$g_k = \nabla f(x_k) = -r_k\f$ and \f$\alpha_k\f$
/// the minimiser of \f$f(x_k - \alpha g_k)\f$ over \f$\alpha\f$. \f$A g_k\f$ comes from
/// `objective.hessian_vector_product()`; the step stores \f$\alpha_k\f$ in `state.step_size` and
/// counts itself (`++state.t`). At \f$g_k = 0\f$ it does not move.
void exact_line_search_step(Vector& x, const Vector& gradient, Objective& objective,
                            SteepestDescentState& state);
/// \}

/// The kernel of the `steepest-descent` rule: exact_line_search_step(), after checking that the
/// problem is a quadratic (Problem::is_quadratic()); throws `std::invalid_argument` naming the
/// problem otherwise.
void steepest_descent_step(Vector& x, double loss, const Vector& gradient, Objective& objective,
                           SteepestDescentState& state, const SteepestDescentParams& params);

/// Steepest descent with exact steps: a KernelRule of steepest_descent_step().
using SteepestDescentRule = KernelRule<SteepestDescentParams, SteepestDescentState>;
/// Steepest descent with exact steps, for quadratics only.
SteepestDescentRule steepest_descent_rule();

/// The preconditioner \f$M\f$ of conjugate gradients (\ref ch04-preconditioning "§4.7").
enum class Preconditioner {
  none,   ///< \f$M = I\f$
  jacobi  ///< \f$M = \operatorname{diag}(a_{11}, \dots, a_{nn})\f$, from Problem::hessian_diagonal()
};

/// "none", "jacobi".
std::string to_string(Preconditioner preconditioner);
/// The preconditioners by name, as the setting `preconditioner` takes them (settings.hpp).
const std::vector<Choice<Preconditioner>>& setting_choices(Preconditioner);

/// Hyper-parameters of linear conjugate gradients. Its stopping rule, the relative residual
/// \f$\|r_k\|/\|r_0\| \le \varepsilon\f$, is the driver's
/// (StoppingRules::relative_gradient_tolerance).
struct ConjugateGradientParams {
  /// \f$M\f$.
  Preconditioner preconditioner = Preconditioner::none;
  /// Its one field, the preconditioner, chosen by name (none or jacobi).
  static const Settings<ConjugateGradientParams>& fields();
  /// Nothing to check.
  void validate(Naming = Naming::code) const {}
};

/// What (preconditioned) conjugate gradients carries between steps, named as in
/// \ref ch04-conjugate-gradients "§4.6": the residual \f$r_k = b - Ax_k\f$, the preconditioned
/// residual \f$z_k = M^{-1} r_k\f$, the direction \f$p_k\f$ and \f$r_k^\top z_k\f$.
struct ConjugateGradientState {
  Vector r;   ///< \f$r_k\f$, updated by the recurrence \f$r_{k+1} = r_k - \alpha_k A p_k\f$
  Vector z;   ///< \f$z_k = M^{-1} r_k\f$
  Vector p;   ///< \f$p_k\f$, the search direction
  Vector Ap;  ///< \f$A p_k\f$, the one matrix–vector product of a step
  Vector inverse_diagonal;  ///< \f$M^{-1}\f$ as a vector: \f$1/a_{ii}\f$ (Jacobi) or all 1
  double rz = 0.0;          ///< \f$r_k^\top z_k\f$
  double step_size = 0.0;   ///< \f$\alpha_k\f$ of the last step
  double beta = 0.0;        ///< \f$\beta_k\f$ of the last step
  long t = 0;               ///< \f$t\f$, the steps taken

  /// Sized for \f$n\f$ unknowns, as before start().
  void reset(Index n, const ConjugateGradientParams&);
  /// Before the first step, from \f$r_0 = b - Ax_0\f$ and \f$M^{-1}\f$: \f$z_0 = M^{-1} r_0\f$,
  /// \f$p_0 = z_0\f$, \f$r_0^\top z_0\f$. Throws `std::invalid_argument` for mismatched sizes or an
  /// entry of \f$M^{-1}\f$ that is not positive and finite.
  void start(const Vector& residual, const Vector& inverse_diagonal);
  /// 5: \f$r, z, p, Ap\f$ and \f$M^{-1}\f$.
  int vectors() const { return 5; }
};

/// \name Chapter 4 exercises
/// \{

/// One step of (preconditioned) linear conjugate gradients on \f$Ax = b\f$, in place
/// (\ref ch04-conjugate-gradients "§4.6", \ref exercises/ch04/conjugate_gradient.cpp "the stub"):
/// from \f$x_k\f$ and the state \f$r_k, z_k, p_k, r_k^\top z_k\f$ (start() prepared step 0), to
/// \f$x_{k+1}\f$ and \f$r_{k+1}, z_{k+1}, p_{k+1}, r_{k+1}^\top z_{k+1}\f$, with one product
/// \f$Ap_k\f$ (`objective.hessian_vector_product()`, into `state.Ap`); stores
/// \f$\alpha_k, \beta_k\f$ and counts the step (`++state.t`).
void conjugate_gradient_step(Vector& x, Objective& objective, ConjugateGradientState& state);
/// \}

/// The kernel of the `cg` rule: at the first step, checks that the problem is a quadratic (else
/// `std::invalid_argument` naming it) and starts the state from \f$r_0 = -\nabla f(x_0)\f$ and the
/// preconditioner; then conjugate_gradient_step(). At \f$r_k = 0\f$ (the solution) it does not
/// move.
void linear_conjugate_gradient_step(Vector& x, double loss, const Vector& gradient,
                                    Objective& objective, ConjugateGradientState& state,
                                    const ConjugateGradientParams& params);

/// Linear conjugate gradients: a KernelRule of linear_conjugate_gradient_step().
using ConjugateGradientRule = KernelRule<ConjugateGradientParams, ConjugateGradientState>;
/// Linear conjugate gradients, for quadratics only; stop it with
/// StoppingRules::relative_gradient_tolerance.
ConjugateGradientRule conjugate_gradient_rule(ConjugateGradientParams params = {});

/// \name Chapter 4 exercises
/// \{

/// The number of conjugate-gradient iterations \f$k\f$ that the error bound of
/// \ref ch04-conjugate-gradients "§4.6" guarantees to reduce \f$\|x_k - x^\star\|_A\f$ to at most
/// `tolerance` \f$\epsilon\f$ times \f$\|x_0 - x^\star\|_A\f$ on a system with condition number
/// \f$\kappa\f$: the smallest \f$k \ge 1\f$ for which the bound is at most \f$\epsilon\f$
/// (\ref ch04-cg-iterations "§4.10", \ref exercises/ch04/cg_iteration_bound.cpp "the stub"). Throws
/// `std::invalid_argument` naming the value unless \f$\kappa \ge 1\f$ and \f$0 < \epsilon < 1\f$.
long cg_iterations_for(double condition_number, double tolerance);
/// \}

/// Conjugate gradients as a linear solver: minimize() with conjugate_gradient_rule() on the
/// quadratic `problem` from `x0` until \f$\|r_k\| \le\f$ `relative_tolerance` \f$\|r_0\|\f$ or
/// `max_iterations`. Throws `std::invalid_argument` if the problem is not a quadratic.
Result solve_by_conjugate_gradients(const Problem& problem, const Vector& x0,
                                    double relative_tolerance, long max_iterations,
                                    ConjugateGradientParams params = {});

}  // namespace workbook
