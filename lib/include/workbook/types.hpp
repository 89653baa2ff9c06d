/// \file
/// The vector and matrix types every module of the workbook uses.
#pragma once

#include <Eigen/Core>

namespace workbook {

/// A point \f$x \in \mathbb{R}^n\f$, a gradient, a direction.
using Vector = Eigen::VectorXd;
/// A Hessian, a quadratic's matrix \f$A\f$.
using Matrix = Eigen::MatrixXd;
/// Sizes and indices, as Eigen counts them.
using Index = Eigen::Index;

}  // namespace workbook
