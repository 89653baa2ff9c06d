// Chapter 2, exercise 5 (an experiment): a batch size and a learning rate within a budget.
//
// Read: Chapter 2, §2.4 "The batch size, the noise floor and linear scaling" and §2.7 "Running an
// experiment: seeds, saddles and optimizers" (chapters/ch02_stochastic.md, #ch02-batch-size and
// #ch02-experiment).
//
// Contract: return the setting (batch size B, constant learning rate η, epochs) with which plain
// SGD on breast cancer reaches a mean test accuracy of at least breast_cancer_target_accuracy over
// the seeds 0 to 4, seeing at most breast_cancer_budget examples (lib/include/workbook/
// experiments.hpp). Find it by running experiments (optlab, or a test of your own), and write in a
// comment what you tried and what you saw: the grading runs your setting.
//
// Check:  ctest --preset default -L ch02 -R batch_size_experiment
#include "workbook/errors.hpp"
#include "workbook/experiments.hpp"

workbook::SgdSetting workbook::choose_sgd_setting_for_breast_cancer() {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 2, §2.7 Running an experiment");
}
