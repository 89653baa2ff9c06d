// Chapter 2, exercise 3: StepLR's learning rates as torch computes them, reference solution.
#include "workbook/schedules.hpp"

double workbook::StepLR::next_learning_rate(long t, double previous) {
  // η_t = η_0 γ^⌊t/s⌋ changes only when s divides t, and then by one factor γ: torch multiplies
  // the previous rate (it never calls pow), so the same product rounds the same way.
  return t % params().step_size == 0 ? previous * params().gamma : previous;
}
