/// \file
/// A function of \f$x\f$: the one callable type for \f$f(x)\f$ and \f$\nabla f(x)\f$ wherever a
/// computation needs them at points of its own choosing (finite differences, line searches,
/// Nesterov's lookahead gradient).
#pragma once

#include <functional>

#include "workbook/types.hpp"

namespace workbook {

/// A function of \f$x \in \mathbb{R}^n\f$ with values in `Value`.
template <class Value>
using FunctionOf = std::function<Value(const Vector&)>;

/// \f$f:\mathbb{R}^n \to \mathbb{R}\f$: what finite differences differentiate and a line search
/// evaluates along a ray.
using ScalarFunction = FunctionOf<double>;

/// \f$\nabla f:\mathbb{R}^n \to \mathbb{R}^n\f$: a gradient evaluated where a method chooses
/// (Nesterov's lookahead point \f$y_t\f$).
using GradientFunction = FunctionOf<Vector>;

}  // namespace workbook
