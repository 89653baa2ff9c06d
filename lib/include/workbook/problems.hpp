/// \file
/// The built-in test problems: quadratics with a chosen spectrum, Rosenbrock, Beale, Booth and
/// Himmelblau.
#pragma once

#include <cstdint>

#include "workbook/problem.hpp"

namespace workbook {

/// \f$f(x) = \tfrac12 x^\top A x - b^\top x\f$ with \f$A\f$ symmetric positive definite.
///
/// Its gradient is \f$\nabla f(x) = Ax - b\f$, its Hessian \f$A\f$, its minimiser
/// \f$x^\star = A^{-1}b\f$ and its minimum \f$f^\star = -\tfrac12 b^\top A^{-1} b\f$. The eigenvalues
/// \f$\lambda_1 \le \dots \le \lambda_n\f$ of \f$A\f$ set everything gradient descent does: the
/// smoothness constant \f$L = \lambda_n\f$, the strong-convexity constant \f$\mu = \lambda_1\f$ and the
/// condition number \f$\kappa = \lambda_n/\lambda_1\f$.
class Quadratic : public Problem {
 public:
  /// A general quadratic. Throws `std::invalid_argument` if \f$A\f$ is not square, not symmetric
  /// or not positive definite, or if \f$b\f$ has the wrong size.
  Quadratic(Matrix A, Vector b);

  /// \f$f(x) = \tfrac12\sum_i d_i x_i^2\f$: \f$A = \operatorname{diag}(d)\f$, \f$b = 0\f$, \f$x^\star = 0\f$.
  static Quadratic diagonal(const Vector& d);

  /// \f$A = Q\,\operatorname{diag}(\lambda)\,Q^\top\f$, \f$b = 0\f$. With `rotation_seed`, \f$Q\f$ is a
  /// random orthogonal matrix drawn from that seed (the same seed gives the same \f$Q\f$); without,
  /// \f$Q = I\f$ and the eigen-directions are the coordinate axes.
  static Quadratic with_spectrum(const Vector& eigenvalues,
                                 std::optional<std::uint64_t> rotation_seed = std::nullopt);

  /// \f$n\f$ eigenvalues spaced geometrically from \f$\lambda_1 = 1\f$ to \f$\lambda_n = \kappa\f$
  /// (`condition_number`), rotated as in with_spectrum().
  static Quadratic with_condition_number(Index n, double condition_number,
                                         std::optional<std::uint64_t> rotation_seed = std::nullopt);

  std::string name() const override { return "quadratic"; }
  Index dimension() const override { return b_.size(); }
  double value(const Vector& x) const override;
  void gradient(const Vector& x, Vector& gradient) const override;
  double value_and_gradient(const Vector& x, Vector& gradient) const override;
  bool has_hessian() const override { return true; }
  Matrix hessian(const Vector&) const override { return A_; }
  /// \f$Av\f$.
  void hessian_vector_product(const Vector&, const Vector& v, Vector& product) const override;
  bool is_quadratic() const override { return true; }
  /// \f$x_0 = (1, \dots, 1)\f$.
  Vector default_start() const override { return Vector::Ones(dimension()); }
  std::vector<Vector> minimisers() const override { return {minimiser_}; }
  std::optional<double> minimum() const override { return minimum_; }
  Box plot_box() const override;

  /// \f$A\f$.
  const Matrix& A() const { return A_; }
  /// \f$b\f$.
  const Vector& b() const { return b_; }
  /// \f$\lambda_1 \le \dots \le \lambda_n\f$, the eigenvalues of \f$A\f$ in increasing order.
  const Vector& eigenvalues() const { return eigenvalues_; }
  /// \f$Q\f$: column \f$i\f$ is the unit eigenvector of \f$\lambda_i\f$, so that
  /// \f$A = Q\,\operatorname{diag}(\lambda)\,Q^\top\f$. For with_spectrum(), the rotation itself.
  const Matrix& eigenvectors() const { return eigenvectors_; }
  /// \f$L = \lambda_n\f$: \f$\nabla f\f$ is \f$L\f$-Lipschitz.
  double smoothness() const { return eigenvalues_(eigenvalues_.size() - 1); }
  /// \f$\mu = \lambda_1\f$: \f$f\f$ is \f$\mu\f$-strongly convex.
  double strong_convexity() const { return eigenvalues_(0); }
  /// \f$\kappa = \lambda_n / \lambda_1\f$.
  double condition_number() const { return smoothness() / strong_convexity(); }

 private:
  Matrix A_;
  Vector b_;
  Vector eigenvalues_;
  Matrix eigenvectors_;
  Vector minimiser_;
  double minimum_;
};

/// The \f$n\f$-dimensional Rosenbrock function
/// \f$f(x) = \sum_{i=1}^{n-1} \big[100\,(x_{i+1} - x_i^2)^2 + (1 - x_i)^2\big]\f$.
///
/// A curved, narrow valley; minimiser \f$x^\star = (1,\dots,1)\f$, \f$f^\star = 0\f$. The default start
/// is the classic \f$(-1.2, 1, -1.2, 1, \dots)\f$.
class Rosenbrock : public Problem {
 public:
  /// Throws `std::invalid_argument` unless \f$n \ge 2\f$.
  explicit Rosenbrock(Index n = 2);
  std::string name() const override { return "rosenbrock"; }
  Index dimension() const override { return n_; }
  double value(const Vector& x) const override;
  void gradient(const Vector& x, Vector& gradient) const override;
  bool has_hessian() const override { return true; }
  Matrix hessian(const Vector& x) const override;
  Vector default_start() const override;
  std::vector<Vector> minimisers() const override { return {Vector::Ones(n_)}; }
  std::optional<double> minimum() const override { return 0.0; }
  Box plot_box() const override { return {-2.0, 2.0, -1.0, 3.0}; }

 private:
  Index n_;
};

/// What the classic two-dimensional test functions share: a Hessian in closed form, known global
/// minimisers, all with \f$f^\star = 0\f$, a default start and the box they are drawn in. Each
/// function adds only \f$f\f$, \f$\nabla f\f$ and \f$\nabla^2 f\f$.
class PlaneTestFunction : public Problem {
 public:
  std::string name() const override { return name_; }
  Index dimension() const override { return 2; }
  bool has_hessian() const override { return true; }
  Vector default_start() const override { return start_; }
  std::vector<Vector> minimisers() const override { return minimisers_; }
  std::optional<double> minimum() const override { return 0.0; }
  Box plot_box() const override { return box_; }

 protected:
  /// The function called `name`, started at `start`, whose global minimisers are `minimisers`,
  /// drawn in `box`.
  PlaneTestFunction(std::string name, Vector start, std::vector<Vector> minimisers, Box box);

 private:
  std::string name_;
  Vector start_;
  std::vector<Vector> minimisers_;
  Box box_;
};

/// Beale's function
/// \f$f(x,y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2\f$.
///
/// Minimiser \f$(3, 0.5)\f$, \f$f^\star = 0\f$; flat plateaus and steep walls. Default start \f$(1, 1)\f$.
class Beale : public PlaneTestFunction {
 public:
  /// Beale's function, drawn in \f$[-4.5, 4.5]^2\f$.
  Beale();
  double value(const Vector& x) const override;
  void gradient(const Vector& x, Vector& gradient) const override;
  Matrix hessian(const Vector& x) const override;
};

/// Booth's function \f$f(x,y) = (x + 2y - 7)^2 + (2x + y - 5)^2\f$.
///
/// A quadratic in disguise: Hessian \f$\begin{pmatrix}10 & 8\\ 8 & 10\end{pmatrix}\f$ (eigenvalues 2
/// and 18), minimiser \f$(1, 3)\f$, \f$f^\star = 0\f$. Default start \f$(0, 0)\f$.
class Booth : public PlaneTestFunction {
 public:
  /// Booth's function, drawn in \f$[-10, 10]^2\f$.
  Booth();
  double value(const Vector& x) const override;
  void gradient(const Vector& x, Vector& gradient) const override;
  Matrix hessian(const Vector& x) const override;
};

/// Himmelblau's function \f$f(x,y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2\f$.
///
/// Four global minimisers, all with \f$f^\star = 0\f$: \f$(3, 2)\f$ and three others known to machine
/// precision; which one a run finds depends on where it starts. Default start \f$(0, 0)\f$.
class Himmelblau : public PlaneTestFunction {
 public:
  /// Himmelblau's function, drawn in \f$[-5, 5]^2\f$.
  Himmelblau();
  double value(const Vector& x) const override;
  void gradient(const Vector& x, Vector& gradient) const override;
  Matrix hessian(const Vector& x) const override;
};

/// A smooth, strongly convex function that is not a quadratic, with known constants:
/// \f$f(x) = \tfrac{\mu}{2}\|x\|^2 + 4(L - \mu)\sum_i \operatorname{softplus}(q_i^\top x - c_i)\f$,
/// \f$q_i\f$ the columns of a random orthogonal \f$Q\f$ (fixed seed), \f$c\f$ evenly spaced in
/// \f$[-2, 2]\f$.
///
/// Its Hessian \f$\mu I + 4(L - \mu)\, Q \operatorname{diag}(\sigma_i(1 - \sigma_i)) Q^\top\f$ has every
/// eigenvalue in \f$[\mu, L]\f$, since \f$\sigma(1 - \sigma) \le 1/4\f$, with \f$L\f$ reached where
/// \f$q_i^\top x = c_i\f$: \f$f\f$ is \f$\mu\f$-strongly convex and \f$L\f$-smooth (Chapter 1, §1.3), the
/// hypotheses of the linear-rate theorems, without being a quadratic. Default start \f$(3, \dots, 3)\f$.
class SoftplusBowl : public Problem {
 public:
  /// Throws `std::invalid_argument` unless \f$0 < \mu < L\f$ (both finite) and \f$n \ge 1\f$.
  SoftplusBowl(double strong_convexity, double smoothness, Index n);
  std::string name() const override { return "softplus bowl"; }
  Index dimension() const override { return c_.size(); }
  double value(const Vector& x) const override;
  void gradient(const Vector& x, Vector& gradient) const override;
  Vector default_start() const override { return Vector::Constant(c_.size(), 3.0); }
  /// \f$x^\star\f$, found once by plain gradient steps with \f$\eta = 1/L\f$ (each shrinks the
  /// distance to \f$x^\star\f$ by at least \f$1 - \mu/L\f$) until rounding stops the gradient from
  /// shrinking: \f$\|\nabla f(x^\star)\|\f$ is then a few units of rounding.
  std::vector<Vector> minimisers() const override { return {minimiser_}; }
  std::optional<double> minimum() const override { return minimum_; }

 private:
  double mu_, L_;
  Matrix Q_;
  Vector c_;
  Vector minimiser_;
  double minimum_ = 0.0;
};

/// Lessard, Recht and Packard's (2016) one-dimensional counterexample, 1-strongly convex and
/// 25-smooth, made of three quadratic pieces joined with continuous gradient:
/// \f[
///   f(x) = \begin{cases} \tfrac{25}{2}x^2 & x < 1, \\ \tfrac12 x^2 + 24x - 12 & 1 \le x < 2,
///          \\ \tfrac{25}{2}x^2 - 24x + 36 & x \ge 2. \end{cases}
/// \f]
/// Minimiser \f$x^\star = 0\f$, \f$f^\star = 0\f$; \f$f''\f$ is 25, 1, 25 on the pieces. The heavy ball
/// tuned for the quadratics with \f$\lambda \in [1, 25]\f$ does not converge on it (Chapter 3, §3.5).
/// Default start \f$3.3\f$.
class LessardCounterexample : public Problem {
 public:
  std::string name() const override { return "lessard counterexample"; }
  Index dimension() const override { return 1; }
  double value(const Vector& x) const override;
  void gradient(const Vector& x, Vector& gradient) const override;
  Vector default_start() const override { return Vector::Constant(1, 3.3); }
  std::vector<Vector> minimisers() const override { return {Vector::Zero(1)}; }
  std::optional<double> minimum() const override { return 0.0; }
};

}  // namespace workbook
