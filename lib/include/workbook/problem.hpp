/// \file
/// The problem interface: what an optimizer may ask of an objective \f$f:\mathbb{R}^n\to\mathbb{R}\f$.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "workbook/types.hpp"

namespace workbook {

class FiniteSumProblem;

/// A rectangle \f$[x_{\min}, x_{\max}] \times [y_{\min}, y_{\max}]\f$ in which a 2-D problem is drawn.
struct Box {
  double x_min, x_max, y_min, y_max;
};
/// \var Box::x_min
/// \f$x_{\min}\f$
/// \var Box::x_max
/// \f$x_{\max}\f$
/// \var Box::y_min
/// \f$y_{\min}\f$
/// \var Box::y_max
/// \f$y_{\max}\f$

/// A differentiable objective \f$f:\mathbb{R}^n\to\mathbb{R}\f$ with what is known about it.
///
/// A problem provides \f$f(x)\f$ and \f$\nabla f(x)\f$, the Hessian \f$\nabla^2 f(x)\f$ where it is
/// known in closed form, a default start point and, where known, its global minimisers and minimum.
/// Every analytic derivative of the built-in problems is checked against finite differences in
/// `lib/tests/test_problems.cpp`.
class Problem {
 public:
  virtual ~Problem() = default;

  /// Short name, as used on command lines and in plot legends: "rosenbrock".
  virtual std::string name() const = 0;
  /// \f$n\f$, the number of variables.
  virtual Index dimension() const = 0;

  /// \f$f(x)\f$.
  virtual double value(const Vector& x) const = 0;
  /// \f$\nabla f(x)\f$, written into `gradient` (resized to \f$n\f$).
  virtual void gradient(const Vector& x, Vector& gradient) const = 0;
  /// \f$f(x)\f$ and \f$\nabla f(x)\f$ together; override when sharing work is cheaper.
  virtual double value_and_gradient(const Vector& x, Vector& gradient) const;

  /// Whether hessian() is available in closed form.
  virtual bool has_hessian() const { return false; }
  /// \f$\nabla^2 f(x)\f$. Throws `std::logic_error` when has_hessian() is false.
  virtual Matrix hessian(const Vector& x) const;
  /// \f$\nabla^2 f(x)\,v\f$, written into `product` (resized to \f$n\f$), without forming the
  /// matrix where the problem knows how (logistic regression: \f$X^\top D X v / N\f$; the Poisson
  /// problem: one sparse product). The default multiplies hessian() by \f$v\f$ when there is one,
  /// and otherwise takes the central difference of gradients
  /// hessian_vector_by_differences() (\ref ch04-hessian-vector "Chapter 4, §4.3"): two gradient
  /// evaluations, accurate to about \f$10^{-10}\f$ relative.
  virtual void hessian_vector_product(const Vector& x, const Vector& v, Vector& product) const;
  /// The diagonal of \f$\nabla^2 f(x)\f$, the Jacobi preconditioner's \f$h_i\f$. The default takes it
  /// from hessian(); throws `std::logic_error` when there is none.
  virtual Vector hessian_diagonal(const Vector& x) const;
  /// Whether \f$f(x) = \tfrac12 x^\top A x - b^\top x\f$ with a constant symmetric \f$A\f$, so that
  /// \f$\nabla^2 f = A\f$ everywhere and \f$\nabla f = Ax - b\f$ is minus the residual
  /// \f$r = b - Ax\f$: what steepest descent with exact steps and linear conjugate gradients
  /// require (\ref ch04-steepest-descent "Chapter 4, §4.5").
  virtual bool is_quadratic() const { return false; }

  /// Where runs start unless told otherwise.
  virtual Vector default_start() const = 0;
  /// The known global minimisers \f$x^\star\f$ (empty when unknown).
  virtual std::vector<Vector> minimisers() const { return {}; }
  /// The known minimum \f$f^\star = f(x^\star)\f$.
  virtual std::optional<double> minimum() const { return std::nullopt; }
  /// The region a contour plot of a 2-D problem shows.
  virtual Box plot_box() const;
};

/// The objective as an optimizer sees it: a problem plus counts of what was evaluated.
///
/// The driver and the update rules evaluate \f$f\f$, \f$\nabla f\f$ and \f$\nabla^2 f\f$ only through an
/// Objective, so that a run can report how many evaluations it used. Each call checks that \f$x\f$
/// has the problem's dimension.
///
/// In minibatch training (Chapter 2, train()) the driver points it at the minibatch \f$B_k\f$ of
/// each step (use_batch()): \f$f\f$ and \f$\nabla f\f$ are then the minibatch loss
/// \f$L_{B_k}(\theta) = \frac{1}{|B_k|}\sum_{i \in B_k} L_i(\theta)\f$ and its gradient, for the
/// driver and for every rule alike (Nesterov's lookahead gradient is taken on the same batch).
///
/// It remembers its last evaluation of \f$f\f$ and of \f$\nabla f\f$, with the point: when the
/// driver evaluates the next iterate (at_iterate()) where a rule has just evaluated (Armijo's
/// accepted trial point, bitwise the same \f$x\f$), the remembered value is used and not counted
/// again. A rule that knows \f$f\f$ and \f$\nabla f\f$ at \f$x_{k+1}\f$ can say so instead
/// (hand_over()), which costs no copy: the line-search rules evaluate their trial points with
/// trial_value_and_gradient() and hand the accepted one over.
class Objective {
 public:
  /// Wraps `problem`, which must outlive the Objective; all counts start at 0.
  explicit Objective(const Problem& problem);

  /// Evaluates, from now on, the minibatch loss over the examples `batch` (and its gradient)
  /// instead of the full \f$f\f$; an empty `batch` goes back to the full \f$f\f$. Forgets the
  /// remembered evaluations, which were of another loss. `batch` is not copied: it must stay
  /// valid while it is used (the problem checks its indices when it evaluates). Throws
  /// `std::logic_error` if the problem is not a FiniteSumProblem.
  void use_batch(std::span<const Index> batch);
  /// The minibatch use_batch() set; empty for the full \f$f\f$.
  std::span<const Index> batch() const { return batch_; }

  /// \f$f(x)\f$; counts one function evaluation.
  double value(const Vector& x);
  /// \f$\nabla f(x)\f$; counts one gradient evaluation.
  void gradient(const Vector& x, Vector& gradient);
  /// \f$f(x)\f$ and \f$\nabla f(x)\f$; counts one of each.
  double value_and_gradient(const Vector& x, Vector& gradient);
  /// value_and_gradient() at a trial point of a line search: counted the same, but not
  /// remembered (no copy of \f$x\f$ or \f$\nabla f\f$); the rule hands the accepted one over.
  double trial_value_and_gradient(const Vector& x, Vector& gradient);
  /// Called by a rule as the last thing of its step, when `x` holds \f$x_{k+1}\f$ and `value`
  /// and `gradient` are \f$f\f$ and \f$\nabla f\f$ there, already evaluated and counted: the
  /// driver's next at_iterate() on the same vector takes them instead of evaluating. The
  /// gradient's storage is taken, not copied (`gradient` gets the Objective's spare vector,
  /// whose contents mean nothing). Any evaluation or use_batch() in between cancels it. Throws
  /// `std::invalid_argument` if the sizes differ from \f$n\f$.
  void hand_over(const Vector& x, double value, Vector& gradient);
  /// \f$\nabla^2 f(x)\f$; counts one Hessian evaluation. Throws `std::logic_error` while a
  /// minibatch is in use: no rule of the workbook takes minibatch Hessians.
  Matrix hessian(const Vector& x);
  /// \f$\nabla^2 f(x)\,v\f$ (Problem::hessian_vector_product()); counts one Hessian–vector
  /// product. Throws `std::invalid_argument` if \f$v\f$ does not have size \f$n\f$, and
  /// `std::logic_error` while a minibatch is in use.
  void hessian_vector_product(const Vector& x, const Vector& v, Vector& product);

  /// \f$f(x)\f$ and \f$\nabla f(x)\f$ at an iterate \f$x_k\f$, as the driver needs them: each is
  /// taken from the last evaluation of \f$f\f$ (or of \f$\nabla f\f$) when that was at exactly this
  /// \f$x\f$ (bitwise equal), or from the rule's hand_over() when it was given this vector, and
  /// otherwise evaluated and counted. A remembered or handed-over gradient is not copied:
  /// `gradient` takes its storage, and the Objective forgets it.
  double at_iterate(const Vector& x, Vector& gradient);

  /// The problem it evaluates.
  const Problem& problem() const { return problem_; }
  /// \f$n\f$, the problem's number of variables.
  Index dimension() const { return problem_.dimension(); }

  /// Evaluations of \f$f\f$ so far.
  long function_evaluations() const { return function_evaluations_; }
  /// Evaluations of \f$\nabla f\f$ so far.
  long gradient_evaluations() const { return gradient_evaluations_; }
  /// Evaluations of \f$\nabla^2 f\f$ so far.
  long hessian_evaluations() const { return hessian_evaluations_; }
  /// Hessian–vector products so far.
  long hessian_vector_products() const { return hessian_vector_products_; }

 private:
  void check_point(const Vector& x) const;
  void remember_value(const Vector& x, double value);
  void remember_gradient(const Vector& x, const Vector& gradient);

  const Problem& problem_;
  const FiniteSumProblem* finite_sum_;  // problem_ as a finite sum, or null
  std::span<const Index> batch_;        // the minibatch in use; empty: the full f
  // The last evaluations, while remembered: f(value_point_) = value_, ∇f(gradient_point_) =
  // gradient_. use_batch() forgets them without freeing the vectors, which the next step refills.
  // When both were evaluated together (gradient_at_value_point_), value_point_ is the gradient's
  // point too and gradient_point_ is stale.
  Vector value_point_, gradient_point_, gradient_;
  bool gradient_at_value_point_ = false;
  // What hand_over() was given: x_{k+1}'s storage (compared by address, never dereferenced), f
  // there in handed_value_, and ∇f there in gradient_.
  const double* handed_point_ = nullptr;
  double handed_value_ = 0.0;
  double value_ = 0.0;
  bool remembers_value_ = false, remembers_gradient_ = false;
  long function_evaluations_ = 0;
  long gradient_evaluations_ = 0;
  long hessian_evaluations_ = 0;
  long hessian_vector_products_ = 0;
};

}  // namespace workbook
