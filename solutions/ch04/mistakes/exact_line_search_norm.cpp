// Known mistake: the norm of g where its square belongs.
#include <cmath>

#include "workbook/curvature.hpp"

void workbook::exact_line_search_step(Vector& x, const Vector& gradient, Objective& objective,
                                      SteepestDescentState& state) {
  const double gg = gradient.squaredNorm();
  state.step_size = 0.0;
  if (gg > 0.0) {
    Vector Ag;
    objective.hessian_vector_product(x, gradient, Ag);
    state.step_size = std::sqrt(gg) / gradient.dot(Ag);
    x -= state.step_size * gradient;
  }
  ++state.t;
}
