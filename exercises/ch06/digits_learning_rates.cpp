// Chapter 6, exercise 5, an experiment: learning rates that train the two networks on the digits.
//
// Read: Chapter 6, §6.8 "Training on the digits" (chapters/ch06_networks.md, #ch06-training), and
// what Chapters 2, 3 and 5 say about the step size of SGD, of momentum and of Adam; the comments
// of digits_learning_rates() and DigitsLearningRates in lib/include/workbook/digit_networks.hpp
// state the contract.
//
// Contract: return, for each network, one learning rate for each of SGD, SGD with momentum 0.9 and
// Adam, such that 30 epochs of minibatches of 32 (drawn without replacement) from He's
// initialisation reach a mean test accuracy over the seeds 1 to 5 of at least 0.96 for the MLP
// and 0.97 for the CNN. Find them by experiment: optlab trains the same networks on the same data
// (problems mlp-digits and cnn-digits; --optimizer sgd, --momentum 0.9, adam; --lr; --epochs 30
// --batch-size 32; --seed), and the tests run your rates and say what went wrong. Note in a comment
// what you tried and what you saw.
//
// Check:  ctest --preset default -L ch06 -R digits_learning_rates
#include "workbook/digit_networks.hpp"
#include "workbook/errors.hpp"

workbook::DigitsLearningRates workbook::digits_learning_rates(DigitsNetwork network) {
  WORKBOOK_NOT_IMPLEMENTED("Chapter 6, §6.8 Training on the digits");
}
