// Chapter 5, §5.7: AdaBelief. Exercise: adabelief_step (exercises/ch05/adabelief_step.cpp).
#include <cmath>

#include "workbook/adaptive.hpp"
#include "workbook/testing/adaptive_golden.hpp"
#include "workbook/testing/adaptive_probes.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;
using testing::close;
using testing::KernelRun;

BOOST_AUTO_TEST_SUITE(adabelief_step)

//! [first step]
BOOST_AUTO_TEST_CASE(
    first_step_is_lr_over_beta1,
    *utf::description("§5.7: for a constant gradient g, m₁ = (1 − β₁)g and g − m₁ = β₁g, so "
                      "ŝ₁ = β₁²g² + ε/(1 − β₂) and the first step is lr·g/(√ŝ₁ + ε) ≈ lr/β₁ = "
                      "1.1111·lr; for g = 1e-4 the ε inside s already changes it by 6e-6")) {
  for (double g : {1.0, -3.0, 1e-4}) {
    KernelRun run(workbook::adabelief_step, AdaBeliefParams{}, Vector{{0.0}});
    const double moved = run.step(g);
    std::string why =
        "g = " + format_number(g) + ": first step " + format_number(moved, 8) +
        ", expected −lr·sign(g)/β₁ = " + format_number(-1e-3 / 0.9 * (g > 0 ? 1 : -1), 8);
    // Adam's first step is lr whatever the scale of g: the same step for 3g too.
    const double moved_3g =
        KernelRun(workbook::adabelief_step, AdaBeliefParams{}, Vector{{0.0}}).step(3.0 * g);
    if (close(std::abs(moved), 1e-3, 1e-6) && close(std::abs(moved_3g), 1e-3, 1e-6)) {
      // The second step of a constant gradient 1 tells the three apart by the surprise q it
      // averaged into s: g − m₁ = 0.9 (the previous m), g − β₁m₁ = 0.91 (m half updated, β₁m
      // before + (1 − β₁)g), g = 1 (g², Adam's v); the notes' g − m₂ is 0.81.
      KernelRun twice(workbook::adabelief_step, AdaBeliefParams{}, Vector{{0.0}});
      twice.step(1.0);
      const double s1 = twice.state.s(0);
      twice.step(1.0);
      const double q = std::sqrt((twice.state.s(0) - 0.999 * s1 - 1e-16) / (1.0 - 0.999));
      why += " (this is Adam's first step: s held g²)";
      why += close(q, 0.9, 1e-6)
                 ? ": at the second step s averaged (g − m₁)², the surprise against the previous "
                   "m: g − m is taken before m is updated; use the m just updated, g − m_t"
             : close(q, 0.91, 1e-6)
                 ? ": at the second step s averaged (g − β₁m₁)², the surprise against m half "
                   "updated (β₁m, before (1 − β₁)g is added): complete m_t = β₁m_{t−1} + "
                   "(1 − β₁)g first, then take g − m_t"
             : close(q, 1.0, 1e-6)
                 ? ": at the second step s averaged g², not the surprise (g − m)²: that is "
                   "Adam's v; AdaBelief's s averages how far g is from its prediction m"
             : close(q, 1.0 - s1, 1e-6)
                 ? ": at the second step s averaged (g − s₁)², the gradient minus the belief s: "
                   "the prediction of g is the first moment m, and s is the average of the "
                   "squared surprise, in g²'s units; the surprise is g − m_t, with the m just "
                   "updated"
                 : ": g − m computed with the previous m (0 at the first step), or s averaging "
                   "g² instead of the surprise (g − m)²? Use the m just updated";
    } else if (std::abs(g) >= 1.0 && close(std::abs(moved), 1e-3 / (0.9 * std::sqrt(1e-3)), 1e-3)) {
      why +=
          " = lr/(β₁√(1 − β₂)) = 35.1·lr: s left uncorrected? Like Adam's v, s is a moving "
          "average started at 0: divide it by 1 − β₂ᵗ";
    } else if (const double whole = 0.81 * g * g + 1e-16;  // s₁ = (g − m₁)² + ε, not averaged
               close(moved, -1e-3 * g / (std::sqrt(whole / (1.0 - 0.999)) + 1e-16), 1e-9) && [&] {
                 // Only if s₁ was stored whole: an s averaged right and corrected by 1/(1 − β₂)
                 // outside the root moves θ the same.
                 KernelRun once(workbook::adabelief_step, AdaBeliefParams{}, Vector{{0.0}});
                 once.step(g);
                 return close(once.state.s(0), whole, 1e-9);
               }()) {
      why +=
          ": s started at its first value, s₁ = (g − m)² + ε, and then divided by 1 − β₂ as if "
          "it had started at 0 (ŝ = 1000·(g − m)², a step √1000 times too short): s is a "
          "moving average started at 0, s₁ = β₂·0 + (1 − β₂)(g − m)² + ε, the same line at every "
          "step, which the correction 1/(1 − β₂ᵗ) is made for";
    } else if (const double averaged = 0.001 * 0.81 * g * g + 1e-16,  // s₁ uncorrected
               efficient = -1e-3 * std::sqrt(0.001) * g / (std::sqrt(averaged) + 1e-16),
               corrected_first =
                   -1e-3 * g / (std::sqrt(0.81 * g * g + 1e-16 / (1.0 - 0.999)) + 1e-16);
               // The two differ by 3e-11 relative at g = 1e-4, beyond the check's 1e-12.
               close(moved, efficient, 1e-13) && !close(efficient, corrected_first, 1e-12)) {
      why +=
          ": that is the efficient form η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√s + ε), whose ε is added "
          "before s is corrected (it acts as ε·√(1 − β₂ᵗ)); §5.7, like torch's AdaBelief, "
          "corrects first: θ ← θ − η·m̂/(√ŝ + ε) with m̂ = m/(1 − β₁ᵗ), ŝ = s/(1 − β₂ᵗ)";
    } else {
      why += testing::what_the_probes_found(testing::probe_lines_and_step(
          workbook::adabelief_step, AdaBeliefParams{}, testing::adabelief_shape()));
    }
    const double s_hat = 0.81 * g * g + 1e-16 / (1.0 - 0.999);
    BOOST_TEST_INFO(why);
    BOOST_TEST(moved == -1e-3 * g / (std::sqrt(s_hat) + 1e-16), tt::tolerance(1e-12));
    if (std::abs(g) >= 1.0) {
      BOOST_TEST(std::abs(moved) / 1e-3 == 1.1111, tt::tolerance(1e-4));
    } else {
      BOOST_TEST(std::abs(moved) / 1e-3 / (1.0 / 0.9) == 1.0 - 6.17e-6, tt::tolerance(1e-8));
    }
  }
}
//! [first step]

//! [belief]
BOOST_AUTO_TEST_CASE(
    large_steps_when_the_gradient_is_predictable,
    *utf::description("§5.7: s tracks (g − m)², the surprise, not g²: for a constant gradient "
                      "the surprise decays and AdaBelief's step grows (4.955·lr at step 100) "
                      "while Adam's stays at lr; for a gradient that flips sign at every step "
                      "both take small steps (0.0556·lr and 0.0526·lr at step 100)")) {
  KernelRun belief_constant(workbook::adabelief_step, AdaBeliefParams{}, Vector{{0.0}});
  KernelRun adam_constant(workbook::adam_step, AdamParams{}, Vector{{0.0}});
  KernelRun belief_flipping(workbook::adabelief_step, AdaBeliefParams{}, Vector{{0.0}});
  KernelRun adam_flipping(workbook::adam_step, AdamParams{}, Vector{{0.0}});
  double steps[4] = {};
  for (int t = 1; t <= 100; ++t) {
    const double flipping = t % 2 == 0 ? 1.0 : -1.0;
    steps[0] = std::abs(belief_constant.step(1.0)) / 1e-3;
    steps[1] = std::abs(adam_constant.step(1.0)) / 1e-3;
    steps[2] = std::abs(belief_flipping.step(flipping)) / 1e-3;
    steps[3] = std::abs(adam_flipping.step(flipping)) / 1e-3;
  }
  std::string why = "step 100, constant gradient: AdaBelief " + format_number(steps[0], 6) +
                    "·lr, Adam " + format_number(steps[1], 6) + "·lr";
  if (close(steps[0], steps[1], 1e-3)) {
    why += ": does s average (g − m)², not g²?";
  } else if (!close(steps[0], 4.955077, 1e-6)) {
    why += testing::lines_say(workbook::adabelief_step, AdaBeliefParams{})();
  }
  BOOST_TEST_INFO(why);
  BOOST_TEST(steps[0] == 4.955077, tt::tolerance(1e-6));
  BOOST_TEST(steps[1] == 1.0, tt::tolerance(1e-7));
  BOOST_TEST_INFO("step 100, flipping gradient: AdaBelief " << steps[2] << "·lr, Adam " << steps[3]
                                                            << "·lr");
  BOOST_TEST(steps[2] == 0.055566, tt::tolerance(1e-4));
  BOOST_TEST(steps[3] == 0.052632, tt::tolerance(1e-4));
}
//! [belief]

BOOST_AUTO_TEST_CASE(
    conventions_pinned_by_formula_goldens,
    *utf::description("§5.10: fed the same 40 gradients, AdaBelief follows Algorithm 2 of its "
                      "paper to 1e-10 (eps = 1e-16 and 1e-8); leaving ε out of s, or computing "
                      "g − m with the previous m, moves the iterates by more than 1e-6")) {
  BOOST_TEST(golden::check_formula_family(
                 golden::formula_family({"adabelief"}),
                 testing::lines_say(workbook::adabelief_step, AdaBeliefParams{})) == 2);
}

BOOST_AUTO_TEST_CASE(keeps_what_every_adaptive_step_keeps,
                     *utf::description(testing::every_adaptive_step_keeps)) {
  testing::check_probes(workbook::adabelief_step, AdaBeliefParams{}, testing::adabelief_shape());
}

BOOST_AUTO_TEST_SUITE_END()
