// Chapter 2, §2.7: an experiment the student designs. Exercise: batch_size_experiment
// (exercises/ch02/batch_size_experiment.cpp): a batch size, a learning rate and a number of epochs
// with which plain SGD on breast cancer reaches the target test accuracy within the budget of
// examples seen. Graded by running the setting with the sampler's seeds 0 to 4.
#include <cmath>
#include <sstream>

#include "workbook/classification.hpp"
#include "workbook/data.hpp"
#include "workbook/experiments.hpp"
#include "workbook/gradient_descent.hpp"
#include "workbook/observers.hpp"
#include "workbook/sampling.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// What one run of the setting gave.
struct ExperimentRun {
  double test_accuracy = 0.0;
  double first_loss = 0.0, last_loss = 0.0;  // the full training loss at the start and the end
  long examples_seen = 0;
  std::string message;
};

// The examples a setting sees: every epoch is all 456 training examples (the last batch smaller).
long examples_of(const SgdSetting& setting, Index examples) {
  return setting.epochs * static_cast<long>(examples);
}

// Trains logistic regression on breast cancer's standardised training split with the setting and
// sampler seed `seed`, and measures it.
ExperimentRun run_setting(const SgdSetting& setting, std::uint64_t seed) {
  static const Split split = standardised_split("breast_cancer.csv");
  const LogisticRegression problem(split.train);
  ShuffledSampler sampler(problem.examples(),
                          {.batch_size = setting.batch_size, .drop_last = false, .seed = seed});
  GradientDescentParams params;
  params.learning_rate = setting.learning_rate;
  auto rule = gradient_descent_rule(params);
  const Result result = train(problem, rule, problem.default_start(),
                              {.sampler = &sampler, .epochs = setting.epochs});
  ExperimentRun run;
  run.first_loss = problem.value(problem.default_start());
  run.last_loss = result.loss;
  run.examples_seen = result.examples_seen;
  run.message = result.message;
  run.test_accuracy = result.x.allFinite() ? problem.accuracy(result.x, split.test) : 0.0;
  return run;
}

// "B = 8, η = 0.5, 1 epoch".
std::string describe(const SgdSetting& setting) {
  std::ostringstream out;
  out << "B = " << setting.batch_size << ", η = " << format_number(setting.learning_rate) << ", "
      << setting.epochs << (setting.epochs == 1 ? " epoch" : " epochs");
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(batch_size_experiment)

BOOST_AUTO_TEST_CASE(the_setting_stays_within_the_budget,
                     *utf::description("§2.7: the chosen setting is valid (1 ≤ B ≤ 456, η > 0, "
                                       "at least one epoch) and sees at most "
                                       "breast_cancer_budget = 700 examples")) {
  const SgdSetting setting = choose_sgd_setting_for_breast_cancer();
  BOOST_TEST_REQUIRE((setting.batch_size >= 1 && setting.batch_size <= 456),
                     "B = " << setting.batch_size << ": expected 1 ≤ B ≤ 456");
  BOOST_TEST_REQUIRE((std::isfinite(setting.learning_rate) && setting.learning_rate > 0.0),
                     "η = " << setting.learning_rate << ": expected η > 0");
  BOOST_TEST_REQUIRE(setting.epochs >= 1, "epochs = " << setting.epochs << ": expected ≥ 1");
  const long seen = examples_of(setting, 456);
  BOOST_TEST(seen <= breast_cancer_budget,
             describe(setting) << " sees " << seen << " examples: over the budget of "
                               << breast_cancer_budget << " (an epoch is 456 examples)");
  BOOST_TEST(run_setting(setting, 0).examples_seen == seen);
}

BOOST_AUTO_TEST_CASE(the_setting_reaches_the_target_accuracy,
                     *utf::description("§2.7: averaged over the sampler's seeds 0 to 4, the "
                                       "test accuracy of the chosen setting is at least "
                                       "breast_cancer_target_accuracy = 0.97")) {
  const SgdSetting setting = choose_sgd_setting_for_breast_cancer();
  double sum = 0.0, lowest = 1.0, highest = 0.0;
  std::string diverged;
  ExperimentRun last;
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    last = run_setting(setting, seed);
    sum += last.test_accuracy;
    lowest = std::min(lowest, last.test_accuracy);
    highest = std::max(highest, last.test_accuracy);
    if (!std::isfinite(last.last_loss) || last.last_loss > last.first_loss) diverged = last.message;
  }
  const double mean = sum / 5.0;
  std::ostringstream why;
  why << describe(setting) << ": mean test accuracy " << format_number(mean, 4) << " (from "
      << format_number(lowest, 4) << " to " << format_number(highest, 4) << " over 5 seeds)";
  if (mean < breast_cancer_target_accuracy) {
    why << ", below the target " << breast_cancer_target_accuracy;
    if (!diverged.empty()) {
      why << ": the training loss grew (" << diverged << "): η is too large for this batch size";
    } else {
      why << ": the loss fell from " << format_number(last.first_loss) << " to "
          << format_number(last.last_loss)
          << "; too few or too timid steps? A smaller batch takes more steps per epoch";
    }
  }
  BOOST_TEST(mean >= breast_cancer_target_accuracy, why.str());
  BOOST_TEST_MESSAGE(why.str());
}

BOOST_AUTO_TEST_SUITE_END()
