/// \file
/// Chapter 2's experiment: a minibatch setting chosen by the student and graded by running it.
#pragma once

#include "workbook/types.hpp"

namespace workbook {

/// A plain minibatch SGD run (shuffled epochs, a constant learning rate, no momentum): the three
/// numbers that decide what it costs and how far it gets.
struct SgdSetting {
  Index batch_size = 1;        ///< \f$B\f$, examples per step
  double learning_rate = 0.1;  ///< \f$\eta\f$, constant
  long epochs = 1;             ///< passes over the training set
};

/// The breast cancer experiment of §2.7: logistic regression on the training split (456
/// examples, standardised features, \f$\theta_0 = 0\f$), trained by plain SGD with the returned
/// setting, must reach a test accuracy of at least `breast_cancer_target_accuracy`, averaged over
/// the sampler's seeds 0 to 4, having seen at most `breast_cancer_budget` examples. Chapter 2's
/// exercise batch_size_experiment (\ref exercises/ch02/batch_size_experiment.cpp "the stub").
SgdSetting choose_sgd_setting_for_breast_cancer();

/// The examples a run of choose_sgd_setting_for_breast_cancer() may see: one pass and a half.
inline constexpr long breast_cancer_budget = 700;
/// The mean test accuracy it must reach.
inline constexpr double breast_cancer_target_accuracy = 0.97;

}  // namespace workbook
