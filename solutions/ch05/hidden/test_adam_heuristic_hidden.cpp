// Chapter 5, §5.4: hidden tests of the Adam step on the sequences that break Kingma and Ba's
// heuristic and reach the bound of Cauchy–Schwarz. Hidden, because they are the answer of the
// experiment adam_heuristic_counterexample (exercises/ch05/adam_heuristic_counterexample.cpp).
#include <algorithm>
#include <cmath>

#include "workbook/adaptive.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
using testing::KernelRun;

BOOST_AUTO_TEST_SUITE(adam_step)

// A lone gradient after a long run of zeros moves Kingma and Ba's lr(1 − β₁)/√(1 − β₂): m = (1 − β₁)g,
// v = (1 − β₂)g², and after 20 000 steps the corrections 1 − β₁ᵗ, 1 − β₂ᵗ are 1 to 2e-9. It is not
// a bound: a next gradient larger by β₂/β₁ moves more, and gradients that keep growing by β₂/β₁
// make Cauchy–Schwarz an equality (g_i ∝ (β₁/β₂)^{t−i}): the steps reach the bound.
BOOST_AUTO_TEST_CASE(
    the_heuristic_step_size_is_not_a_bound,
    *utf::description(
        "§5.4: after 19 999 zero gradients a gradient of 1 moves lr(1 − β₁)/√(1 − β₂) "
        "= 3.16·lr (to 1e-6); one more, larger by β₂/β₁, moves 4.26·lr: the heuristic is not "
        "a bound; gradients growing by β₂/β₁ per step reach the bound 7.27·lr to 1e-8 in 200 "
        "steps, and never pass it")) {
  const double beta1 = 0.9, beta2 = 0.999;
  const double heuristic = (1.0 - beta1) / std::sqrt(1.0 - beta2);
  const double bound = (1.0 - beta1) / std::sqrt((1.0 - beta2) * (1.0 - beta1 * beta1 / beta2));
  BOOST_TEST(heuristic == 3.16227766, tt::tolerance(1e-8));
  KernelRun growing(workbook::adam_step, AdamParams{}, Vector{{0.0}});
  for (int t = 1; t < 20000; ++t) growing.step(0.0);
  const double jump = -growing.step(1.0) / 1e-3;
  BOOST_TEST_INFO("after 19 999 zero gradients, a gradient of 1 moved x by " << jump << "·lr");
  BOOST_TEST(jump == heuristic, tt::tolerance(1e-6));
  double g = beta2 / beta1;
  const double next = -growing.step(g) / 1e-3;
  BOOST_TEST_INFO("the next gradient, β₂/β₁ = 1.11, moved x by " << next << "·lr");
  BOOST_TEST(next == 4.2554, tt::tolerance(1e-4));
  BOOST_TEST(next > heuristic);

  double largest = std::max(jump, next), last = next;
  for (int k = 2; k < 200; ++k) {
    g *= beta2 / beta1;
    last = -growing.step(g) / 1e-3;
    largest = std::max(largest, last);
  }
  BOOST_TEST_INFO("gradients growing by β₂/β₁ for 200 steps: the last moved x by " << last
                                                                                   << "·lr");
  BOOST_TEST(largest <= bound);
  BOOST_TEST(last == bound, tt::tolerance(1e-8));
}

BOOST_AUTO_TEST_SUITE_END()
