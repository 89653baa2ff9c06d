// Known mistake: the decay one step early, when s divides t + 1.
#include "workbook/schedules.hpp"

double workbook::StepLR::next_learning_rate(long t, double previous) {
  // η_t = η_0 γ^⌊t/s⌋ changes only when s divides t, and then by one factor γ: torch multiplies
  // the previous rate (it never calls pow), so the same product rounds the same way.
  return (t + 1) % params().step_size == 0 ? previous * params().gamma : previous;
}
