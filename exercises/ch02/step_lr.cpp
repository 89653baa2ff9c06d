// Chapter 2, exercise 3: the step schedule, as torch computes it.
//
// Read: Chapter 2, §2.5 "Learning-rate schedules" (chapters/ch02_stochastic.md, #ch02-schedules)
// and the comment of StepLR in lib/include/workbook/schedules.hpp, which gives η_t in closed form.
//
// Contract: return η_t, the learning rate after the schedule's t-th step (t ≥ 1, torch's
// `last_epoch`), from `previous` = η_{t−1}, with s = params().step_size and γ = params().gamma.
// The tests compare your rates with torch.optim.lr_scheduler.StepLR's (torch 1.13), step after
// step, bit for bit: compute them the way torch does, from the previous rate.
//
// Check:  ctest --preset default -L ch02 -R step_lr
#include "workbook/errors.hpp"
#include "workbook/schedules.hpp"

double workbook::StepLR::next_learning_rate(long t, double previous) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 2, §2.5 Learning-rate schedules");
}
