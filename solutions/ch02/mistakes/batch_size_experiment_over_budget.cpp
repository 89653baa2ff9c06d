// Known mistake: a good setting that spends two epochs, over the budget of examples seen.
#include "workbook/experiments.hpp"

workbook::SgdSetting workbook::choose_sgd_setting_for_breast_cancer() {
  return {.batch_size = 8, .learning_rate = 0.5, .epochs = 2};
}
