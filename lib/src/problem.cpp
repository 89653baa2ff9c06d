#include "workbook/problem.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "workbook/curvature.hpp"
#include "workbook/errors.hpp"
#include "workbook/finite_sum.hpp"

namespace workbook {

double Problem::value_and_gradient(const Vector& x, Vector& g) const {
  gradient(x, g);
  return value(x);
}

Matrix Problem::hessian(const Vector&) const {
  throw std::logic_error("the problem '" + name() + "' has no analytic Hessian");
}

void Problem::hessian_vector_product(const Vector& x, const Vector& v, Vector& product) const {
  require_size("v", v, x.size(), "the size of x");
  if (has_hessian()) {
    product.noalias() = hessian(x) * v;
    return;
  }
  const GradientFunction gradient_at = [this](const Vector& y) {
    Vector g;
    gradient(y, g);
    return g;
  };
  product = hessian_vector_by_differences(gradient_at, x, v);
}

Vector Problem::hessian_diagonal(const Vector& x) const {
  if (!has_hessian()) {
    throw std::logic_error("the problem '" + name() + "' has no Hessian to take the diagonal of");
  }
  return hessian(x).diagonal();
}

Box Problem::plot_box() const {
  // The smallest square around the start and the minimisers, with a margin.
  Vector start = default_start();
  double x_min = start(0), x_max = start(0), y_min = start(1), y_max = start(1);
  for (const Vector& m : minimisers()) {
    x_min = std::min(x_min, m(0));
    x_max = std::max(x_max, m(0));
    y_min = std::min(y_min, m(1));
    y_max = std::max(y_max, m(1));
  }
  double half = 0.6 * std::max({x_max - x_min, y_max - y_min, 1e-3});
  double cx = 0.5 * (x_min + x_max), cy = 0.5 * (y_min + y_max);
  return {cx - half, cx + half, cy - half, cy + half};
}

Objective::Objective(const Problem& problem)
    : problem_(problem), finite_sum_(dynamic_cast<const FiniteSumProblem*>(&problem)) {}

void Objective::use_batch(std::span<const Index> batch) {
  if (!batch.empty() && finite_sum_ == nullptr) {
    throw std::logic_error("the problem '" + problem_.name() +
                           "' is not a finite sum: it has no minibatches");
  }
  batch_ = batch;
  remembers_value_ = remembers_gradient_ = false;  // they were of another loss
  handed_point_ = nullptr;
}

void Objective::check_point(const Vector& x) const {
  if (x.size() != problem_.dimension()) {
    require_size("x", x, problem_.dimension(), "the dimension of " + problem_.name());
  }
}

namespace {

// x and y hold the same doubles, bit for bit (so 0 and −0 differ, and a NaN matches itself).
bool same_point(const Vector& x, const Vector& y) {
  return x.size() == y.size() &&
         std::memcmp(x.data(), y.data(), static_cast<std::size_t>(x.size()) * sizeof(double)) == 0;
}

}  // namespace

void Objective::remember_value(const Vector& x, double value) {
  if (gradient_at_value_point_ && remembers_gradient_) {
    gradient_point_.swap(value_point_);  // the gradient keeps its point; value_point_ is refilled
  }
  gradient_at_value_point_ = false;
  value_point_ = x;
  remembers_value_ = true;
  value_ = value;
}

void Objective::remember_gradient(const Vector& x, const Vector& gradient) {
  gradient_at_value_point_ = false;
  gradient_point_ = x;
  remembers_gradient_ = true;
  gradient_ = gradient;
}

double Objective::value(const Vector& x) {
  check_point(x);
  handed_point_ = nullptr;
  ++function_evaluations_;
  const double f = batch_.empty() ? problem_.value(x) : finite_sum_->batch_value(x, batch_);
  remember_value(x, f);
  return f;
}

void Objective::gradient(const Vector& x, Vector& g) {
  check_point(x);
  handed_point_ = nullptr;
  ++gradient_evaluations_;
  if (batch_.empty()) {
    problem_.gradient(x, g);
  } else {
    finite_sum_->batch_value_and_gradient(x, batch_, g);
  }
  remember_gradient(x, g);
}

double Objective::trial_value_and_gradient(const Vector& x, Vector& g) {
  check_point(x);
  handed_point_ = nullptr;
  ++function_evaluations_;
  ++gradient_evaluations_;
  return batch_.empty() ? problem_.value_and_gradient(x, g)
                        : finite_sum_->batch_value_and_gradient(x, batch_, g);
}

double Objective::value_and_gradient(const Vector& x, Vector& g) {
  const double f = trial_value_and_gradient(x, g);
  // Both at one point: the point is copied once, and the gradient's point is the value's.
  remember_value(x, f);
  remembers_gradient_ = true;
  gradient_at_value_point_ = true;
  gradient_ = g;
  return f;
}

void Objective::hand_over(const Vector& x, double value, Vector& g) {
  check_point(x);
  if (g.size() != x.size()) {
    require_size("gradient", g, x.size(), "the dimension of " + problem_.name());
  }
  // gradient_ now holds ∇f(x_{k+1}), so it no longer remembers a gradient of its own.
  gradient_.swap(g);
  remembers_gradient_ = gradient_at_value_point_ = false;
  handed_point_ = x.data();
  handed_value_ = value;
}

double Objective::at_iterate(const Vector& x, Vector& g) {
  if (handed_point_ != nullptr && handed_point_ == x.data()) {
    handed_point_ = nullptr;
    g.swap(gradient_);
    return handed_value_;
  }
  handed_point_ = nullptr;
  const bool known_value = remembers_value_ && same_point(x, value_point_);
  const bool known_gradient =
      remembers_gradient_ &&
      (gradient_at_value_point_ ? known_value : same_point(x, gradient_point_));
  if (known_gradient) {
    // Handed over, not copied: the caller's vector takes the remembered gradient's storage and
    // the Objective forgets it (its next gradient is written into the caller's old storage).
    g.swap(gradient_);
    remembers_gradient_ = gradient_at_value_point_ = false;
    return known_value ? value_ : value(x);
  }
  if (known_value) {
    gradient(x, g);
    return value_;
  }
  return value_and_gradient(x, g);
}

Matrix Objective::hessian(const Vector& x) {
  check_point(x);
  if (!batch_.empty()) {
    throw std::logic_error("a Hessian of '" + problem_.name() +
                           "' was asked for during minibatch training: no rule takes one");
  }
  ++hessian_evaluations_;
  return problem_.hessian(x);
}

void Objective::hessian_vector_product(const Vector& x, const Vector& v, Vector& product) {
  check_point(x);
  require_size("v", v, x.size(), "the dimension of " + problem_.name());
  if (!batch_.empty()) {
    throw std::logic_error("a Hessian-vector product of '" + problem_.name() +
                           "' was asked for during minibatch training: no rule takes one");
  }
  ++hessian_vector_products_;
  problem_.hessian_vector_product(x, v, product);
}

}  // namespace workbook
