// Chapter 1, §1.2: a hidden test of the gradient step. Hidden tests (solutions/<chapter>/hidden/)
// are graded like the others; the student edition leaves their code out, and the manifest
// declares them so that their names and points are known.
#include <cmath>
#include <string>

#include "workbook/gradient_descent.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

BOOST_AUTO_TEST_SUITE(gradient_descent_step)

BOOST_AUTO_TEST_CASE(every_coordinate_moves_in_high_dimension,
                     *utf::description("§1.2: x ← x − η∇f moves every coordinate. In n = 1000 "
                                       "dimensions, from x_i = i with ∇f_i = 2i and η = 0.25, "
                                       "the step lands on x_i = i − 0.25·2i = i/2")) {
  const Index n = 1000;
  Vector x(n), gradient(n);
  for (Index i = 0; i < n; ++i) {
    x(i) = static_cast<double>(i);
    gradient(i) = 2.0 * static_cast<double>(i);
  }
  GradientDescentState state;
  workbook::gradient_descent_step(x, gradient, state, {0.25});
  // Every number here is exact in floating point, so the step must land exactly.
  Index wrong = 0, first = -1;
  for (Index i = 0; i < n; ++i) {
    if (x(i) != 0.5 * static_cast<double>(i)) {
      ++wrong;
      if (first < 0) first = i;
    }
  }
  std::string why = std::to_string(wrong) + " of the 1000 coordinates are wrong";
  if (first >= 0) {
    const double i = static_cast<double>(first), got = x(first);
    why += "; the first is x_" + std::to_string(first) + " = " + format_number(got, 17) +
           ", expected i/2 = " + format_number(i / 2.0, 17);
    if (std::abs(got - i / 2.0) <= 1e-12 * i) {
      why +=
          ": right to rounding only, where x − η∇f is exact (η = 0.25 is a power of two): "
          "the step takes another route than x − η∇f (through ‖∇f‖ and a unit direction, or "
          "a division?), which rounds where the notes' step does not";
    } else if (got == i) {
      why += ": that coordinate did not move; does the step update only part of x?";
    } else if (got == 1.5 * i) {
      why += ": it moved uphill, to x + η∇f; the step is x − η∇f";
    }
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(wrong == 0);
}

BOOST_AUTO_TEST_SUITE_END()
