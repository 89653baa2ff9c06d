// Known mistake: the full batch with a small learning rate: within the budget, one timid step.
#include "workbook/experiments.hpp"

workbook::SgdSetting workbook::choose_sgd_setting_for_breast_cancer() {
  return {.batch_size = 456, .learning_rate = 0.01, .epochs = 1};
}
