// Chapter 5, exercise 6 (an experiment): gradients that break Adam's 3.16η heuristic.
//
// Read: Chapter 5, §5.4 "Adam and its bias correction" (chapters/ch05_adaptive.md, #ch05-adam),
// and its last part, "How large can a step be?" (#ch05-adam-bound): Kingma and Ba's heuristic, a
// step of at most η(1 − β₁)/√(1 − β₂) = 3.16η, and the bound that Cauchy–Schwarz proves, 7.27η.
//
// Contract: return the gradients g_1, ..., g_T (in this order, g_1 first) that, fed one per step
// to torch's default Adam on one parameter (lr η = 1e-3, betas (0.9, 0.999), eps = 1e-8, bias
// correction on, no weight decay; the gradient at step t is g_t whatever θ is), make one step
// |Δθ| as large as you can. 1 ≤ T ≤ adam_counterexample_max_length (100 000) and every g_t is
// finite with |g_t| ≤ adam_counterexample_max_gradient (1e100). The tests run your gradients
// through Adam, written out in the tests, and grade the largest step: ≥ 3.5η breaks the heuristic
// (most of the points); within 10 %, 1 % and a millionth of the bound earn one point each. Find the
// gradients by reasoning and by experiment (a loop of your own over the formula of §5.4), and say
// in a comment why they work.
//
// Check:  ctest --preset default -L ch05 -R adam_heuristic_counterexample
#include <vector>

#include "workbook/adaptive.hpp"
#include "workbook/errors.hpp"

std::vector<double> workbook::adam_heuristic_counterexample() {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 5, §5.4 How large can a step be?");
}
