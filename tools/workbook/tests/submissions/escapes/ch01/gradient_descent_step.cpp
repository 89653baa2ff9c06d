// A crafted submission: it asks for a constructor priority, to run before the test harness's own
// constructor, which reads the secret the harness's verdict must carry.
#include "workbook/gradient_descent.hpp"

namespace {
int early = 0;
__attribute__((constructor(101))) void before_the_harness() {
  early = 1;
}
}  // namespace

void workbook::gradient_descent_step(Vector& x, const Vector& gradient, GradientDescentState&,
                                     const GradientDescentParams& params) {
  x -= params.learning_rate * gradient * early;
}
