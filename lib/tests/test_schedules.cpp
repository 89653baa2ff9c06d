// Chapter 2: the learning-rate schedules give torch.optim.lr_scheduler 1.13's learning rates, bit
// for bit. torch's rates are read from lib/testing/golden/ (written by
// tools/golden/torch_schedules.py; torch never runs here).
//
// Why bit for bit: each schedule performs torch's floating-point operations in torch's order
// (Python floats are IEEE doubles; an int times a float converts the int exactly), so every rate
// is the same double. CosineAnnealingLR also calls cos, math.cos in torch and std::cos here: both
// are the C library's (glibc on Debian, where the files were written). A C library whose cos
// differs in the last bit would change the cosine rates near T_max by more than an ulp, since
// 1 + cos(πt/T_max) cancels there; the comparison would then need a tolerance, and say so.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "workbook/schedules.hpp"
#include "workbook/testing/golden.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto at = text.find(separator, start);
    parts.push_back(text.substr(start, at - start));
    if (at == std::string::npos) return parts;
    start = at + separator.size();
  }
}

std::vector<long> integers(const std::string& text) {
  std::vector<long> values;
  for (const std::string& part : split(text, ";")) values.push_back(std::stol(part));
  return values;
}

// A schedule as the golden files write it: "step step_size=10 gamma=0.5", or
// "sequential milestones=5 : <schedule> : <schedule>" (a list of integers separated by ';').
std::unique_ptr<LearningRateSchedule> make(double base, const std::string& text) {
  const std::vector<std::string> parts = split(text, " : ");
  std::istringstream words(parts[0]);
  std::string name, word;
  words >> name;
  std::map<std::string, std::string> s;
  while (words >> word) s[word.substr(0, word.find('='))] = word.substr(word.find('=') + 1);
  const auto real = [&](const char* key) { return std::stod(s.at(key)); };
  const auto integer = [&](const char* key) { return std::stol(s.at(key)); };
  if (name == "constant") return std::make_unique<ConstantSchedule>(base);
  if (name == "step") {
    return std::make_unique<StepLR>(base, StepLRParams{integer("step_size"), real("gamma")});
  }
  if (name == "multistep") {
    return std::make_unique<MultiStepLR>(
        base, MultiStepLRParams{integers(s.at("milestones")), real("gamma")});
  }
  if (name == "exponential")
    return std::make_unique<ExponentialLR>(base, ExponentialLRParams{real("gamma")});
  if (name == "inverse_time")
    return std::make_unique<InverseTimeSchedule>(base, InverseTimeParams{real("decay")});
  if (name == "cosine_annealing") {
    return std::make_unique<CosineAnnealingLR>(
        base, CosineAnnealingLRParams{integer("T_max"), real("eta_min")});
  }
  if (name == "linear") {
    return std::make_unique<LinearLR>(
        base, LinearLRParams{real("start_factor"), real("end_factor"), integer("total_iters")});
  }
  if (name == "sequential") {
    std::vector<std::unique_ptr<LearningRateSchedule>> schedules;
    for (std::size_t j = 1; j < parts.size(); ++j) schedules.push_back(make(base, parts[j]));
    return std::make_unique<SequentialLR>(std::move(schedules),
                                          SequentialLRParams{integers(s.at("milestones"))});
  }
  throw std::runtime_error("unknown schedule in the golden file: " + text);
}

struct GoldenCase {
  std::string name, schedule;
  double base = 0.0;
  std::vector<double> rates;  // torch's η_0, ..., η_steps
};

// The cases of schedule_cases.csv, each with torch's rates from schedule_rates.csv.
std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> out;
  std::map<std::string, std::size_t> where;
  for (const testing::GoldenRow& row :
       testing::GoldenTable(testing::golden_file("schedule_cases.csv"))) {
    where[row.text("case")] = out.size();
    out.push_back({row.text("case"), row.text("schedule"), row.number("base_lr"), {}});
  }
  const testing::GoldenTable rates(testing::golden_file("schedule_rates.csv"));
  for (const testing::GoldenRow& row : rates) {
    GoldenCase& c = out.at(where.at(row.text("case")));
    if (row.integer("step") != static_cast<long>(c.rates.size())) {
      throw std::runtime_error(rates.file().string() + ":" + std::to_string(row.line()) +
                               ": steps of " + c.name + " out of order");
    }
    c.rates.push_back(row.number("lr"));
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(learning_rate_schedules)

BOOST_AUTO_TEST_CASE(
    every_schedule_gives_torchs_learning_rates_exactly,
    *utf::description("constant, MultiStepLR, ExponentialLR, inverse time (LambdaLR), "
                      "CosineAnnealingLR (recursive, as torch 1.13), LinearLR and SequentialLR "
                      "(restarting the next schedule at each milestone): the 23 settings of 27 "
                      "that do not use StepLR, 100 steps each, every learning rate equal to "
                      "torch's double")) {
  const auto cases = golden_cases();
  BOOST_TEST_REQUIRE(cases.size() == 27u);
  for (const GoldenCase& c : cases) {
    BOOST_TEST_REQUIRE(c.rates.size() == 101u);
    // StepLR's recursion is Chapter 2's exercise step_lr: solutions/ch02/test_schedule.cpp checks
    // the 4 cases that use it against the same golden rates.
    if (c.schedule.starts_with("step ") || c.schedule.find(": step ") != std::string::npos)
      continue;
    const auto schedule = make(c.base, c.schedule);
    const std::vector<double> ours = learning_rates(*schedule, 100);
    std::size_t first_difference = ours.size();
    for (std::size_t t = 0; t < ours.size() && first_difference == ours.size(); ++t)
      if (ours[t] != c.rates[t]) first_difference = t;
    BOOST_TEST_INFO(c.name << ": " << schedule->name());
    if (first_difference < ours.size()) {
      BOOST_TEST_INFO("first difference at t = "
                      << first_difference << ": " << format_number(ours[first_difference], 17)
                      << ", torch " << format_number(c.rates[first_difference], 17));
    }
    BOOST_TEST(first_difference == ours.size());
  }
}

BOOST_AUTO_TEST_CASE(
    recursions_agree_with_the_closed_forms,
    *utf::description("η₀γᵗ, η₀/(1 + kt), η₀(f₀ + (f₁ − f₀)min(t, T)/T) and the cosine: "
                      "the recursions torch uses equal the closed forms of the notes up to "
                      "rounding, 1e-14 relative after 100 products, 1e-11 for the cosine (whose "
                      "ratio (1 + cos πt/T)/(1 + cos π(t − 1)/T) divides by ~(π/T)²/2 near T)")) {
  const double eta0 = 0.1;
  ExponentialLR exponential(eta0, {.gamma = 0.97});
  InverseTimeSchedule inverse(eta0, {.decay = 0.05});
  LinearLR linear(eta0, {.start_factor = 0.1, .end_factor = 0.9, .total_iters = 20});
  CosineAnnealingLR cosine(eta0, {.T_max = 60, .eta_min = 0.001});
  for (long t = 0; t <= 100; ++t) {
    BOOST_TEST_CONTEXT("t = " << t) {
      const double T = 60.0, u = static_cast<double>(t);
      BOOST_TEST(exponential.learning_rate() == eta0 * std::pow(0.97, u), tt::tolerance(1e-14));
      BOOST_TEST(inverse.learning_rate() == eta0 / (1.0 + 0.05 * u), tt::tolerance(1e-15));
      BOOST_TEST(linear.learning_rate() ==
                     eta0 * (0.1 + 0.8 * static_cast<double>(std::min(t, 20L)) / 20.0),
                 tt::tolerance(1e-14));
      BOOST_TEST(cosine.learning_rate() ==
                     0.001 + 0.5 * (eta0 - 0.001) * (1.0 + std::cos(std::numbers::pi * u / T)),
                 tt::tolerance(1e-11));
    }
    exponential.step();
    inverse.step();
    linear.step();
    cosine.step();
  }
}

BOOST_AUTO_TEST_CASE(
    torch_documentation_examples,
    *utf::description("torch's docstring: LinearLR(start_factor = 0.5, total_iters = 4) "
                      "from 0.05 is 0.025, 0.03125, 0.0375, 0.04375, 0.05, 0.05 (StepLR's is "
                      "checked with Chapter 2's exercise step_lr)")) {
  LinearLR warmup(0.05, {.start_factor = 0.5, .end_factor = 1.0, .total_iters = 4});
  const std::vector<double> expected = {0.025, 0.03125, 0.0375, 0.04375, 0.05, 0.05};
  const auto warm = learning_rates(warmup, 5);
  for (std::size_t t = 0; t < expected.size(); ++t) {
    BOOST_TEST_INFO("t = " << t);
    BOOST_TEST(warm[t] == expected[t], tt::tolerance(1e-15));
  }
}

BOOST_AUTO_TEST_CASE(
    sequential_restarts_the_next_schedule_at_the_milestone,
    *utf::description("warm-up over 10 steps cut at milestone 5: η₄ = η₀(0.1 + 0.9·4/10), then "
                      "η₅ = η₀ (MultiStepLR's start, not the warm-up's), and the second "
                      "schedule's own count starts at 0 there (its milestone 20 acts at t = 25)")) {
  std::vector<std::unique_ptr<LearningRateSchedule>> parts;
  parts.push_back(std::make_unique<LinearLR>(
      0.1, LinearLRParams{.start_factor = 0.1, .end_factor = 1.0, .total_iters = 10}));
  parts.push_back(
      std::make_unique<MultiStepLR>(0.1, MultiStepLRParams{.milestones = {20}, .gamma = 0.1}));
  SequentialLR schedule(std::move(parts), {.milestones = {5}});
  const auto rates = learning_rates(schedule, 30);
  BOOST_TEST(rates[4] == 0.1 * (0.1 + 0.9 * 4.0 / 10.0), tt::tolerance(1e-14));
  BOOST_TEST(rates[5] == 0.1);
  BOOST_TEST(rates[24] == 0.1);
  BOOST_TEST(rates[25] == 0.01, tt::tolerance(1e-15));
  BOOST_TEST(schedule.current().step_count() == 25);
  BOOST_TEST(schedule.step_count() == 30);
}

BOOST_AUTO_TEST_CASE(reset_starts_over) {
  std::vector<std::unique_ptr<LearningRateSchedule>> parts;
  parts.push_back(std::make_unique<LinearLR>(0.2, LinearLRParams{}));
  parts.push_back(std::make_unique<CosineAnnealingLR>(0.2, CosineAnnealingLRParams{.T_max = 20}));
  SequentialLR schedule(std::move(parts), {.milestones = {5}});
  const auto first = learning_rates(schedule, 40);
  BOOST_TEST(schedule.step_count() == 40);
  schedule.reset();
  BOOST_TEST(schedule.step_count() == 0);
  BOOST_TEST(schedule.learning_rate() == first[0]);
  BOOST_TEST(learning_rates(schedule, 40) == first, tt::per_element());
  BOOST_TEST(schedule.base_learning_rate() == 0.2);
}

BOOST_AUTO_TEST_CASE(bad_settings) {
  using testing::message_has;
  BOOST_CHECK_EXCEPTION(ConstantSchedule(0.0), std::invalid_argument,
                        message_has({"base_learning_rate = 0 is invalid"}));
  BOOST_CHECK_EXCEPTION(StepLR(0.1, {.step_size = 10, .gamma = 0.0}), std::invalid_argument,
                        message_has({"gamma = 0 is invalid", "gamma in (0, 1]"}));
  BOOST_CHECK_EXCEPTION(ExponentialLR(0.1, {.gamma = 1.5}), std::invalid_argument,
                        message_has({"gamma = 1.5 is invalid", "(0, 1]"}));
  BOOST_CHECK_EXCEPTION(StepLR(0.1, {.step_size = 0}), std::invalid_argument,
                        message_has({"step_size = 0 is invalid", "step_size >= 1"}));
  BOOST_CHECK_EXCEPTION(MultiStepLR(0.1, {.milestones = {30, 30}}), std::invalid_argument,
                        message_has({"milestones[1] = 30 is invalid", "strictly increasing"}));
  BOOST_CHECK_EXCEPTION(MultiStepLR(0.1, {.milestones = {50, 20}}), std::invalid_argument,
                        message_has({"milestones[1] = 20", "after milestones[0] = 50"}));
  BOOST_CHECK_EXCEPTION(MultiStepLR(0.1, {.milestones = {0, 20}}), std::invalid_argument,
                        message_has({"milestones[0] = 0 is invalid", ">= 1"}));
  BOOST_CHECK_EXCEPTION(MultiStepLR(0.1, {.milestones = {}}), std::invalid_argument,
                        message_has({"milestones is empty"}));
  BOOST_CHECK_EXCEPTION(InverseTimeSchedule(0.1, {.decay = -0.1}), std::invalid_argument,
                        message_has({"decay = -0.1 is invalid", "decay >= 0"}));
  BOOST_CHECK_EXCEPTION(CosineAnnealingLR(0.1, {.T_max = 0}), std::invalid_argument,
                        message_has({"T_max = 0 is invalid", "T_max >= 1"}));
  BOOST_CHECK_EXCEPTION(CosineAnnealingLR(0.1, {.T_max = 10, .eta_min = -1.0}),
                        std::invalid_argument, message_has({"eta_min = -1 is invalid"}));
  BOOST_CHECK_EXCEPTION(LinearLR(0.1, {.start_factor = 0.0}), std::invalid_argument,
                        message_has({"start_factor = 0 is invalid", "start_factor in (0, 1]"}));
  BOOST_CHECK_EXCEPTION(LinearLR(0.1, {.start_factor = 1.5}), std::invalid_argument,
                        message_has({"start_factor = 1.5 is invalid"}));
  BOOST_CHECK_EXCEPTION(LinearLR(0.1, {.end_factor = 1.5}), std::invalid_argument,
                        message_has({"end_factor = 1.5 is invalid", "end_factor in [0, 1]"}));
  BOOST_CHECK_EXCEPTION(LinearLR(0.1, {.total_iters = 0}), std::invalid_argument,
                        message_has({"total_iters = 0 is invalid"}));

  const auto two = [](double second_base) {
    std::vector<std::unique_ptr<LearningRateSchedule>> parts;
    parts.push_back(std::make_unique<LinearLR>(0.1, LinearLRParams{}));
    parts.push_back(std::make_unique<ConstantSchedule>(second_base));
    return parts;
  };
  BOOST_CHECK_EXCEPTION(SequentialLR(two(0.1), {.milestones = {5, 10}}), std::invalid_argument,
                        message_has({"milestones has 2 entries for 2 schedules"}));
  BOOST_CHECK_EXCEPTION(SequentialLR(two(0.2), {.milestones = {5}}), std::invalid_argument,
                        message_has({"schedules[1] has base_learning_rate = 0.2", "one base"}));
  BOOST_CHECK_EXCEPTION(SequentialLR({}, {.milestones = {}}), std::invalid_argument,
                        message_has({"schedules is empty"}));
  BOOST_CHECK_EXCEPTION(SequentialLR(two(0.1), {.milestones = {0}}), std::invalid_argument,
                        message_has({"milestones[0] = 0 is invalid"}));
  ConstantSchedule constant(0.1);
  BOOST_CHECK_EXCEPTION(learning_rates(constant, -1), std::invalid_argument,
                        message_has({"steps = -1 is invalid"}));
}

BOOST_AUTO_TEST_CASE(settings_are_named_as_a_command_line_spells_them) {
  // One field per setting: validate() names it as the code does or as a command line does.
  using testing::message_has;
  const StepLRParams no_decay{.step_size = 10, .gamma = 0.0};
  BOOST_CHECK_EXCEPTION(no_decay.validate(Naming::flag), std::invalid_argument,
                        message_has({"--gamma = 0 is invalid: expected --gamma in (0, 1]"}));
  const MultiStepLRParams decreasing{.milestones = {5, 3}};
  BOOST_CHECK_EXCEPTION(
      decreasing.validate(Naming::flag), std::invalid_argument,
      message_has({"--milestones = 5,3 is invalid: expected --milestones strictly increasing "
                   "(3 comes after 5)"}));
  const MultiStepLRParams zero{.milestones = {0, 3}};
  BOOST_CHECK_EXCEPTION(
      zero.validate(Naming::flag), std::invalid_argument,
      message_has({"--milestones = 0,3 is invalid: expected each of --milestones >= 1"}));
  const CosineAnnealingLRParams no_period{.T_max = 0};
  BOOST_CHECK_EXCEPTION(no_period.validate(Naming::flag), std::invalid_argument,
                        message_has({"--t-max = 0 is invalid: expected --t-max >= 1"}));
  BOOST_CHECK_EXCEPTION(no_period.validate(), std::invalid_argument,
                        message_has({"T_max = 0 is invalid: expected T_max >= 1"}));
  BOOST_TEST(MultiStepLRParams::fields().infos()[0].default_value == "30,80");
  BOOST_TEST(MultiStepLRParams::fields().infos()[0].range == "each of milestones >= 1");
  MultiStepLRParams read = MultiStepLRParams::fields().read({{"milestones", "2,7"}}, "multistep");
  BOOST_TEST(read.milestones == (std::vector<long>{2, 7}), tt::per_element());
  BOOST_CHECK_EXCEPTION(MultiStepLRParams::fields().read({{"milestones", "2,x"}}, "multistep"),
                        std::invalid_argument,
                        message_has({"--milestones: 'x' is not an integer (in '2,x')"}));
}

BOOST_AUTO_TEST_SUITE_END()
