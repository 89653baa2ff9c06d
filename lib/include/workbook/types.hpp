/// \file
/// The vector and matrix types every module of the workbook uses.
#pragma once

#include <Eigen/Core>

/// The workbook's library: test problems, update rules and the driver that runs them, finite
/// differences, errors and argument checks. Plotting is in workbook::plot.
namespace workbook {

/// A point \f$x \in \mathbb{R}^n\f$, a gradient, a direction.
using Vector = Eigen::VectorXd;
/// A Hessian, a quadratic's matrix \f$A\f$.
using Matrix = Eigen::MatrixXd;
/// Sizes and indices, as Eigen counts them.
using Index = Eigen::Index;

}  // namespace workbook
