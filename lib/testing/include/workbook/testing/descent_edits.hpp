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
  // This call's η must be read: the same x and gradient with η = 0.1 and η = 0.3 move x
  // differently. One that moves alike keeps another η, such as a static local's, set once.
  {
    const Vector x0{{1.0, -2.0, 3.0}}, g0{{0.3, -2.0, 5.0}};
    const auto moved = [&](double eta) {
      Vector point = x0;
      GradientDescentState state;
      kernel(point, g0, state, GradientDescentParams{eta});
      return Vector(point - x0);
    };
    const Vector small = moved(0.1), large = moved(0.3);
    if (small.allFinite() && !small.isZero(0.0) && small == large) {
      return "with η = 0.1 and with η = 0.3 the step moved x by the same " +
             format_vector(small, 4) +
             ": it does not read this call's learning rate; is η kept from an earlier call, in a "
             "static local (static const double eta = params.learning_rate is set at the first "
             "call only) or a global? Read params.learning_rate at every call";
    }
  }
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
