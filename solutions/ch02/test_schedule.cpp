// Chapter 2, §2.5: StepLR, decay by γ every s steps, exactly as torch computes it. Exercise:
// step_lr (exercises/ch02/step_lr.cpp, StepLR::next_learning_rate()). torch's rates are read from
// lib/testing/golden/ (written by tools/golden/torch_schedules.py; torch never runs here).
#include <cmath>
#include <memory>
#include <sstream>

#include "workbook/schedules.hpp"
#include "workbook/testing/golden.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// torch's rates η_0, ..., η_100 of one case of lib/testing/golden/schedule_rates.csv.
std::vector<double> torch_rates(const std::string& name) {
  std::vector<double> rates;
  for (const testing::GoldenRow& row :
       testing::GoldenTable(testing::golden_file("schedule_rates.csv"))) {
    if (row.text("case") == name) rates.push_back(row.number("lr"));
  }
  return rates;
}

// Where `ours` first differs from `torch`, and what that says, in the notes' words; empty when
// they agree bit for bit.
std::string compare_with_torch(const std::vector<double>& ours, const std::vector<double>& torch,
                               long step_size) {
  for (std::size_t t = 0; t < ours.size() && t < torch.size(); ++t) {
    if (ours[t] == torch[t]) continue;
    std::ostringstream why;
    why << "first difference at t = " << t << ": " << format_number(ours[t], 17) << ", torch "
        << format_number(torch[t], 17);
    if (std::abs(ours[t] - torch[t]) <= 1e-13 * torch[t]) {
      why << ": equal to rounding, but not bit for bit: torch multiplies the previous rate by γ "
             "at each decay, and a power γ^⌊t/s⌋ rounds differently";
    } else if (t + 1 < torch.size() && ours[t] == torch[t + 1]) {
      why << ": the decay comes one step early, at t = " << t << " instead of " << t + 1
          << " (s = " << step_size << "): η changes when s divides t";
    } else if (t >= 1 && ours[t] == torch[t - 1]) {
      why << ": the decay comes one step late";
    }
    return why.str();
  }
  if (ours.size() != torch.size()) return "different numbers of rates";
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(step_lr)

//! [first decay]
BOOST_AUTO_TEST_CASE(
    the_first_decay_comes_after_step_size_steps,
    *utf::description(
        "§2.5: η_t = η₀γ^⌊t/s⌋: with η₀ = 0.05, s = 30, γ = 0.1 (torch's "
        "docstring) the rate is 0.05 up to t = 29, 0.005 from t = 30 to 59 and 0.0005 "
        "from 60; with s = 3 and γ = ½, 1, 1, 1, ½, ½, ½, ¼")) {
  StepLR docstring(0.05, {.step_size = 30, .gamma = 0.1});
  const auto rates = learning_rates(docstring, 90);
  std::vector<double> expected(91);
  for (long t = 0; t <= 90; ++t) expected[t] = 0.05 * std::pow(0.1, t / 30);
  for (long t : {0L, 29L, 30L, 59L, 60L, 90L}) {
    BOOST_TEST_INFO("t = " << t << ": η = " << rates[t] << ", expected η₀γ^⌊t/30⌋ = " << expected[t]
                           << " " << compare_with_torch(rates, expected, 30));
    BOOST_TEST(rates[t] == expected[t], tt::tolerance(1e-14));
  }
  StepLR three(1.0, {.step_size = 3, .gamma = 0.5});
  const auto short_rates = learning_rates(three, 7);
  const std::vector<double> halvings = {1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25};
  const std::string why = compare_with_torch(short_rates, halvings, 3);
  BOOST_TEST(why.empty(), why);
}
//! [first decay]

BOOST_AUTO_TEST_CASE(
    matches_torch_bit_for_bit,
    *utf::description("§2.5: StepLR(s = 10, γ = ½) from 0.1, (s = 30, γ = 0.1) from 0.05, "
                      "(s = 1, γ = 0.9) from 1, and a warm-up over 4 steps followed at t = 8 by "
                      "StepLR(s = 10, γ = ½) from 0.2 (SequentialLR): 100 steps each, every rate "
                      "equal to torch's double")) {
  struct Case {
    const char* name;
    double base;
    StepLRParams params;
  };
  for (const Case& c :
       {Case{"step_10_half", 0.1, {10, 0.5}}, Case{"step_30_tenth", 0.05, {30, 0.1}},
        Case{"step_every_step", 1.0, {1, 0.9}}}) {
    StepLR schedule(c.base, c.params);
    const std::vector<double> torch = torch_rates(c.name);
    BOOST_TEST_REQUIRE(torch.size() == 101u);
    const std::string why =
        compare_with_torch(learning_rates(schedule, 100), torch, c.params.step_size);
    BOOST_TEST(why.empty(), c.name << ": " << schedule.name() << ": " << why);
  }
  std::vector<std::unique_ptr<LearningRateSchedule>> parts;
  parts.push_back(std::make_unique<LinearLR>(
      0.2, LinearLRParams{.start_factor = 0.25, .end_factor = 1.0, .total_iters = 4}));
  parts.push_back(std::make_unique<StepLR>(0.2, StepLRParams{.step_size = 10, .gamma = 0.5}));
  SequentialLR warmup_then_step(std::move(parts), {.milestones = {8}});
  const std::string why = compare_with_torch(learning_rates(warmup_then_step, 100),
                                             torch_rates("warmup_short_then_step"), 10);
  BOOST_TEST(why.empty(), "warm-up then StepLR: " << why);
}

BOOST_AUTO_TEST_SUITE_END()
