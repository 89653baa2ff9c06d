#pragma once
// Chapter 1's gradient step as the notes' line (single_edits.hpp), x ← x − η·∇f, and the sentence
// naming the single edit of it that a student's step is.
#include <string>
#include <vector>

#include "workbook/gradient_descent.hpp"
#include "workbook/testing/single_edits.hpp"

namespace workbook::testing {

/// The gradient step, §1.2, as single edits of its line, with η = 0.1.
inline std::string gradient_descent_edit(void (*kernel)(Vector&, const Vector&,
                                                        GradientDescentState&,
                                                        const GradientDescentParams&)) {
  using edits::E;
  edits::Program p;
  p.name = "The gradient step (η = 0.1)";
  p.section = "§1.2";
  const E eta = p.parameter("η", 0.1);
  const E x = p.variable("x", true), gradient = p.variable("∇f");
  p.let(x, x - eta * gradient);
  const std::vector<edits::Draw> draws = {edits::uniform(-2, 2), edits::uniform(-2, 2)};
  auto step = [&](const std::vector<Vector>& before) {
    Vector point = before[0];
    GradientDescentState state;
    state.t = 3;
    kernel(point, before[1], state, GradientDescentParams{0.1});
    return std::vector<Vector>{edits::handed_back(point), Vector::Constant(3, std::nan(""))};
  };
  return edits::which_edit(p, edits::situations(p, draws, step));
}

}  // namespace workbook::testing
