/// \file
/// Chapter 2: linear classifiers trained on real data, as finite sums. Logistic regression (two
/// classes: the breast cancer set) and softmax regression (\f$K\f$ classes: the digits).
///
/// Both models have a bias, a parameter of its own placed after the weights, and an optional L2
/// penalty \f$\tfrac\lambda2\|w\|^2\f$ on the weights only (not on the bias, as scikit-learn),
/// counted in every \f$L_i\f$ so that \f$L = \frac1N\sum_i L_i\f$ still holds. Their features should be
/// standardised first (Standardiser, `data.hpp`): raw features of very different scales make the
/// problem badly conditioned.
#pragma once

#include <span>
#include <string>

#include "workbook/data.hpp"
#include "workbook/finite_sum.hpp"

namespace workbook {

/// What the two linear classifiers share: the examples of a data set as the rows of
/// \f$A = [X\ \mathbf 1]\f$ (the features and a column of ones, the bias's), their labels as
/// `Targets`, and the L2 penalty \f$\lambda\f$ on the weights (not on the bias).
template <class Targets>
class LinearClassifier : public RowFiniteSum<Targets> {
 public:
  /// \f$d\f$, the number of features.
  Index features() const { return this->design().cols() - 1; }
  /// \f$\lambda\f$.
  double l2_penalty() const { return l2_penalty_; }

 protected:
  /// The examples of `data` (its features as given: standardise them first), their labels
  /// `labels(data)` and \f$\lambda\f$ = `l2_penalty`; `name` names the problem in messages and
  /// `dimension` says what its dimension is. Throws `std::invalid_argument` if `data` is invalid
  /// (Dataset::validate()) or empty, `labels` refuses its labels, or \f$\lambda < 0\f$.
  LinearClassifier(const Dataset& data, Targets (*labels)(const Dataset&), double l2_penalty,
                   const std::string& name, const std::string& dimension);

 private:
  double l2_penalty_;
};

extern template class LinearClassifier<Vector>;
extern template class LinearClassifier<Matrix>;

/// The mean logistic loss of \f$m\f$ rows and, when `gradient` is not null, its gradient
/// (Chapter 2, §2.3; the exercise logistic_loss, \ref exercises/ch02/logistic_loss.cpp "the stub"):
/// \f[ \ell(\theta) = \frac1m \sum_{i=1}^m \big(\log(1 + e^{z_i}) - y_i z_i\big), \qquad
///     \nabla \ell(\theta) = \frac1m A^\top\big(\sigma(z) - y\big), \qquad z = A\theta, \f]
/// where the rows of `A` are \f$\tilde x_i = (x_i, 1)\f$ (so \f$\theta\f$'s last entry is the bias),
/// \f$y_i \in \{0, 1\}\f$ are the `labels` and \f$\sigma(z) = 1/(1 + e^{-z})\f$. Finite for every
/// finite \f$z\f$, \f$|z| = 1000\f$ included. The gradient, when asked for, is resized to
/// \f$\theta\f$'s size. `A`, `labels` and `theta` are the caller's and are not changed.
double logistic_loss(const Matrix& A, const Vector& labels, const Vector& theta, Vector* gradient);

/// Logistic regression with labels \f$y_i \in \{0, 1\}\f$: \f$\theta = (w, b) \in \mathbb{R}^{d+1}\f$,
/// the bias \f$b\f$ last, \f$z_i = x_i^\top w + b\f$, \f$P(y_i = 1) = \sigma(z_i) = 1/(1 + e^{-z_i})\f$, and
/// the negative log-likelihood
/// \f[ L_i(\theta) = \log(1 + e^{z_i}) - y_i z_i + \tfrac\lambda2\|w\|^2. \f]
///
/// With \f$\tilde x_i = (x_i, 1)\f$ the rows of \f$A = [X\ \mathbf 1]\f$, so that \f$z = A\theta\f$:
/// \f[ \nabla L = \tfrac1N A^\top(\sigma(z) - y) + \lambda(w, 0), \qquad
///     \nabla^2 L = \tfrac1N A^\top D A + \lambda \operatorname{diag}(1, \dots, 1, 0), \quad
///     D = \operatorname{diag}\big(\sigma(z_i)(1 - \sigma(z_i))\big). \f]
/// \f$L\f$ is convex; with \f$\lambda > 0\f$ its Hessian is positive definite (the bias direction
/// through \f$D > 0\f$), so it is strongly convex on every bounded set.
///
/// The data term is logistic_loss(), finite for every \f$z\f$.
class LogisticRegression final : public LinearClassifier<Vector> {
 public:
  /// The examples of `data` (its features as given: standardise them first) and
  /// \f$\lambda\f$ = `l2_penalty`. Throws `std::invalid_argument` if `data` is invalid
  /// (Dataset::validate()) or empty, a label is not 0 or 1, or \f$\lambda < 0\f$.
  explicit LogisticRegression(const Dataset& data, double l2_penalty = 0.0);

  std::string name() const override { return "logistic_regression"; }
  /// \f$d + 1\f$: the weights and the bias.
  Index dimension() const override { return design().cols(); }
  bool has_hessian() const override { return true; }
  /// \f$\nabla^2 L(\theta) = \frac1N A^\top D A + \lambda\operatorname{diag}(1, \dots, 1, 0)\f$, a
  /// \f$(d+1)\times(d+1)\f$ matrix.
  Matrix hessian(const Vector& theta) const override;
  /// \f$\nabla^2 L(\theta)\, v = \frac1N A^\top\big(D(Av)\big) + \lambda(v_w, 0)\f$, written into
  /// `product`, without forming the Hessian: two products with \f$A\f$, \f$O(Nd)\f$. Throws
  /// `std::invalid_argument` if \f$\theta\f$ or \f$v\f$ has the wrong size.
  void hessian_vector_product(const Vector& theta, const Vector& v, Vector& product) const override;
  /// \f$\theta_0 = 0\f$: every probability \f$\tfrac12\f$, \f$L = \log 2\f$.
  Vector default_start() const override { return Vector::Zero(dimension()); }

  /// The predicted classes of the rows of `features`: 1 where \f$z = x^\top w + b \ge 0\f$
  /// (\f$\sigma(z) \ge \tfrac12\f$), else 0. Throws `std::invalid_argument` if the number of
  /// columns is not \f$d\f$ or \f$\theta\f$ has the wrong size.
  Labels predict(const Vector& theta, const Matrix& features) const;
  /// The fraction of the examples of `data` (a training or test split, standardised as the
  /// training data) whose class predict() gets right. Throws `std::invalid_argument` as predict(),
  /// or if `data` is empty or has a label other than 0 and 1.
  double accuracy(const Vector& theta, const Dataset& data) const;

 protected:
  /// The loss and its gradient over the rows `rows` of \f$A = [X\ \mathbf 1]\f$ with the labels
  /// `labels` (0.0 or 1.0), computed as above.
  double rows_loss(const Matrix& rows, const Vector& labels, const Vector& theta,
                   Vector* gradient) const override;
};

/// Softmax (multinomial logistic) regression with \f$K\f$ classes, \f$y_i \in \{0, \dots, K-1\}\f$.
///
/// The parameters are a \f$(d+1)\times K\f$ matrix \f$\Theta\f$ whose column \f$k\f$ is class
/// \f$k\f$'s weights \f$w_k\f$ and, last, its bias \f$b_k\f$; \f$\theta\f$ stores it column by column
/// (Eigen's order: \f$\theta_{k(d+1) + j} = \Theta_{jk}\f$). With \f$A = [X\ \mathbf 1]\f$ the logits
/// are \f$Z = A\Theta\f$ (\f$N\times K\f$) and
/// \f[ L_i(\Theta) = \log\sum_k e^{Z_{ik}} - Z_{i y_i} + \tfrac\lambda2\|W\|^2, \qquad
///     \nabla_\Theta L = \tfrac1N A^\top(P - Y) + \lambda\begin{pmatrix} W \\ 0\end{pmatrix}, \f]
/// with \f$P_{ik} = e^{Z_{ik}}/\sum_l e^{Z_{il}}\f$ the softmax, \f$Y\f$ the one-hot labels and \f$W\f$ the
/// weights (\f$\Theta\f$ without its bias row). The log-sum-exp subtracts each row's maximum
/// \f$m_i = \max_k Z_{ik}\f$ first, \f$\log\sum_k e^{Z_{ik}} = m_i + \log\sum_k e^{Z_{ik} - m_i}\f$, so that no
/// exponential overflows. \f$L\f$ is convex but not strictly: adding one vector to every column
/// of \f$\Theta\f$ changes no probability (only the penalty).
class SoftmaxRegression final : public LinearClassifier<Matrix> {
 public:
  /// The examples of `data` (its features as given: standardise them first), \f$K\f$ =
  /// `data.classes()` and \f$\lambda\f$ = `l2_penalty`. Throws `std::invalid_argument` if `data` is
  /// invalid or empty, has fewer than 2 classes, or \f$\lambda < 0\f$.
  explicit SoftmaxRegression(const Dataset& data, double l2_penalty = 0.0);

  std::string name() const override { return "softmax_regression"; }
  /// \f$(d + 1)K\f$.
  Index dimension() const override { return design().cols() * classes(); }
  /// \f$\Theta_0 = 0\f$: every class has probability \f$1/K\f$, \f$L = \log K\f$.
  Vector default_start() const override { return Vector::Zero(dimension()); }

  /// The predicted class of each row of `features`: \f$\arg\max_k Z_{ik}\f$ (the first on a tie).
  /// Throws `std::invalid_argument` if the number of columns is not \f$d\f$ or \f$\theta\f$ has the
  /// wrong size.
  Labels predict(const Vector& theta, const Matrix& features) const;
  /// The fraction of the examples of `data` whose class predict() gets right. Throws
  /// `std::invalid_argument` as predict(), or if `data` is empty.
  double accuracy(const Vector& theta, const Dataset& data) const;

  /// \f$K\f$, the number of classes.
  Index classes() const { return targets().cols(); }

 protected:
  /// The loss and its gradient over the rows `rows` of \f$A = [X\ \mathbf 1]\f$ with the one-hot
  /// labels `labels` (a row each), computed as above.
  double rows_loss(const Matrix& rows, const Matrix& labels, const Vector& theta,
                   Vector* gradient) const override;
};

}  // namespace workbook
