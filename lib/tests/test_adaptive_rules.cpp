// Chapter 5's update rules without their graded steps: hyper-parameters (torch's names and
// defaults), bad input, the sizes of their state (claim: state vectors of length n), divergence,
// and the badly scaled least-squares problem.
#include <cmath>
#include <limits>
#include <memory>

#include "workbook/adaptive.hpp"
#include "workbook/finite_differences.hpp"
#include "workbook/gradient_descent.hpp"
#include "workbook/least_squares.hpp"
#include "workbook/problems.hpp"
#include "workbook/registry.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

const double nan_value = std::numeric_limits<double>::quiet_NaN();
const double infinity = std::numeric_limits<double>::infinity();

// The names, kinds and defaults of an optimizer's settings, as "name=default" in order.
std::vector<std::string> settings_of(const std::string& optimizer) {
  std::vector<std::string> described;
  for (const SettingInfo& info : workbook::registry().optimizer(optimizer).settings)
    described.push_back(info.name + "=" + info.default_value);
  return described;
}

// A problem whose gradient is NaN wherever x₀ < `below` (and f = x²/2 elsewhere); `flat` adds a
// second coordinate whose gradient is always 0.
class NanBelow : public Problem {
 public:
  NanBelow(double below, bool flat) : below_(below), flat_(flat) {}
  std::string name() const override { return "nan_below"; }
  Index dimension() const override { return flat_ ? 2 : 1; }
  double value(const Vector& x) const override { return 0.5 * x(0) * x(0); }
  void gradient(const Vector& x, Vector& g) const override {
    g.setZero(dimension());
    g(0) = x(0) < below_ ? nan_value : x(0);
  }
  Vector default_start() const override { return Vector::Ones(dimension()); }

 private:
  double below_;
  bool flat_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(adaptive_rules)

BOOST_AUTO_TEST_CASE(defaults_are_torch_defaults,
                     *utf::description("§5.10: every hyper-parameter struct starts at torch.optim "
                                       "1.13's defaults, and the registry names them as torch")) {
  const AdagradParams adagrad;
  BOOST_TEST(adagrad.learning_rate == 1e-2);
  BOOST_TEST(adagrad.lr_decay == 0.0);
  BOOST_TEST(adagrad.weight_decay == 0.0);
  BOOST_TEST(adagrad.initial_accumulator_value == 0.0);
  BOOST_TEST(adagrad.epsilon == 1e-10);
  const RMSpropParams rmsprop;
  BOOST_TEST(rmsprop.learning_rate == 1e-2);
  BOOST_TEST(rmsprop.alpha == 0.99);
  BOOST_TEST(rmsprop.epsilon == 1e-8);
  BOOST_TEST(rmsprop.momentum == 0.0);
  BOOST_TEST(!rmsprop.centered);
  const AdamParams adam;
  BOOST_TEST(adam.learning_rate == 1e-3);
  BOOST_TEST(adam.betas.first == 0.9);
  BOOST_TEST(adam.betas.second == 0.999);
  BOOST_TEST(adam.epsilon == 1e-8);
  BOOST_TEST(adam.weight_decay == 0.0);
  BOOST_TEST(!adam.amsgrad);
  BOOST_TEST(adam.bias_correction);
  BOOST_TEST(!adam.epsilon_inside_root);
  const AdamWParams adamw;
  BOOST_TEST(adamw.weight_decay == 1e-2);
  BOOST_TEST(adamw.adam().decoupled_weight_decay);
  BOOST_TEST(adamw.adam().learning_rate == 1e-3);
  const NAdamParams nadam;
  BOOST_TEST(nadam.learning_rate == 2e-3);
  BOOST_TEST(nadam.momentum_decay == 4e-3);
  BOOST_TEST(nadam.epsilon == 1e-8);
  BOOST_TEST(AdaBeliefParams{}.epsilon == 1e-16);

  using List = std::vector<std::string>;
  BOOST_TEST(settings_of("adagrad") == (List{"lr=0.01", "lr_decay=0", "weight_decay=0",
                                             "initial_accumulator_value=0", "eps=1e-10"}),
             tt::per_element());
  BOOST_TEST(settings_of("rmsprop") == (List{"lr=0.01", "alpha=0.99", "eps=1e-08", "weight_decay=0",
                                             "momentum=0", "centered=false"}),
             tt::per_element());
  BOOST_TEST(settings_of("adam") ==
                 (List{"lr=0.001", "betas=0.9,0.999", "eps=1e-08", "weight_decay=0",
                       "amsgrad=false", "bias_correction=true", "eps_inside_root=false"}),
             tt::per_element());
  BOOST_TEST(settings_of("adamw") == (List{"lr=0.001", "betas=0.9,0.999", "eps=1e-08",
                                           "weight_decay=0.01", "amsgrad=false"}),
             tt::per_element());
  BOOST_TEST(settings_of("nadam") == (List{"lr=0.002", "betas=0.9,0.999", "eps=1e-08",
                                           "weight_decay=0", "momentum_decay=0.004"}),
             tt::per_element());
  BOOST_TEST(settings_of("adabelief") == (List{"lr=0.001", "betas=0.9,0.999", "eps=1e-16"}),
             tt::per_element());

  const Registry& r = workbook::registry();
  BOOST_TEST(r.optimizer("adam").make({{"amsgrad", "true"}})->name() == "amsgrad (lr = 0.001)");
  BOOST_TEST(r.optimizer("adamw").make({})->name() == "adamw (lr = 0.001)");
  BOOST_TEST(r.optimizer("rmsprop").make({{"momentum", "0.9"}, {"centered", "true"}})->name() ==
             "rmsprop (lr = 0.01, momentum = 0.9, centered)");
  BOOST_TEST(r.optimizer("adam").make({{"bias_correction", "false"}})->name() ==
             "adam (lr = 0.001, no bias correction)");
}

BOOST_AUTO_TEST_CASE(
    bad_hyper_parameters_name_the_value_and_the_range,
    *utf::description("§5.10: lr ≤ 0, β outside [0, 1), ε < 0, weight decay < 0, "
                      "momentum_decay < 0 (and lr_decay, initial_accumulator_value < 0, alpha or "
                      "momentum outside [0, 1)) are rejected with the value and the range")) {
  auto rejects = [](auto make, std::vector<std::string> parts) {
    BOOST_CHECK_EXCEPTION(make(), std::invalid_argument, testing::message_has(parts));
  };
  for (double lr : {0.0, -1e-3, nan_value, infinity}) {
    rejects([&] { return adagrad_rule(AdagradParams{.learning_rate = lr}); },
            {"learning_rate = ", "expected learning_rate > 0"});
    rejects([&] { return rmsprop_rule(RMSpropParams{.learning_rate = lr}); },
            {"learning_rate = ", "expected learning_rate > 0"});
    rejects([&] { return adam_rule(AdamParams{.learning_rate = lr}); },
            {"learning_rate = ", "expected learning_rate > 0"});
    rejects([&] { return adamw_rule(AdamWParams{.learning_rate = lr}); },
            {"learning_rate = ", "expected learning_rate > 0"});
    rejects([&] { return nadam_rule(NAdamParams{.learning_rate = lr}); },
            {"learning_rate = ", "expected learning_rate > 0"});
    rejects([&] { return adabelief_rule(AdaBeliefParams{.learning_rate = lr}); },
            {"learning_rate = ", "expected learning_rate > 0"});
  }
  rejects([] { return adam_rule(AdamParams{.learning_rate = -0.5}); },
          {"learning_rate = -0.5 is invalid: expected learning_rate > 0"});
  for (double beta : {-0.1, 1.0, 1.5, nan_value}) {
    const std::pair<double, double> bad_first{beta, 0.999}, bad_second{0.9, beta};
    rejects([&] { return adam_rule(AdamParams{.betas = bad_first}); },
            {"beta1 = ", "expected beta1 in [0, 1)"});
    rejects([&] { return adam_rule(AdamParams{.betas = bad_second}); },
            {"beta2 = ", "expected beta2 in [0, 1)"});
    rejects([&] { return adamw_rule(AdamWParams{.betas = bad_second}); },
            {"beta2 = ", "in [0, 1)"});
    rejects([&] { return nadam_rule(NAdamParams{.betas = bad_first}); }, {"beta1 = ", "in [0, 1)"});
    rejects([&] { return adabelief_rule(AdaBeliefParams{.betas = bad_second}); },
            {"beta2 = ", "in [0, 1)"});
    rejects([&] { return rmsprop_rule(RMSpropParams{.alpha = beta}); },
            {"alpha = ", "expected alpha in [0, 1)"});
    rejects([&] { return rmsprop_rule(RMSpropParams{.momentum = beta}); },
            {"momentum = ", "expected momentum in [0, 1)"});
  }
  rejects(
      [] {
        return adam_rule(AdamParams{.betas = {1.0, 0.999}});
      },
      {"beta1 = 1 is invalid: expected beta1 in [0, 1)"});
  for (double negative : {-1e-8, -1.0, nan_value}) {
    rejects([&] { return adagrad_rule(AdagradParams{.epsilon = negative}); },
            {"epsilon = ", "expected epsilon >= 0"});
    rejects([&] { return rmsprop_rule(RMSpropParams{.epsilon = negative}); },
            {"epsilon = ", ">= 0"});
    rejects([&] { return adam_rule(AdamParams{.epsilon = negative}); }, {"epsilon = ", ">= 0"});
    rejects([&] { return nadam_rule(NAdamParams{.epsilon = negative}); }, {"epsilon = ", ">= 0"});
    rejects([&] { return adabelief_rule(AdaBeliefParams{.epsilon = negative}); },
            {"epsilon = ", ">= 0"});
    rejects([&] { return adagrad_rule(AdagradParams{.weight_decay = negative}); },
            {"weight_decay = ", "expected weight_decay >= 0"});
    rejects([&] { return rmsprop_rule(RMSpropParams{.weight_decay = negative}); },
            {"weight_decay = ", ">= 0"});
    rejects([&] { return adam_rule(AdamParams{.weight_decay = negative}); },
            {"weight_decay = ", ">= 0"});
    rejects([&] { return adamw_rule(AdamWParams{.weight_decay = negative}); },
            {"weight_decay = ", ">= 0"});
    rejects([&] { return nadam_rule(NAdamParams{.weight_decay = negative}); },
            {"weight_decay = ", ">= 0"});
    rejects([&] { return nadam_rule(NAdamParams{.momentum_decay = negative}); },
            {"momentum_decay = ", "expected momentum_decay >= 0"});
    rejects([&] { return adagrad_rule(AdagradParams{.lr_decay = negative}); },
            {"lr_decay = ", "expected lr_decay >= 0"});
    rejects([&] { return adagrad_rule(AdagradParams{.initial_accumulator_value = negative}); },
            {"initial_accumulator_value = ", "expected initial_accumulator_value >= 0"});
  }
  rejects([] { return nadam_rule(NAdamParams{.momentum_decay = -0.004}); },
          {"momentum_decay = -0.004 is invalid: expected momentum_decay >= 0"});

  // Through the registry, from text.
  const auto refused = [&](const std::string& optimizer, const Arguments& settings,
                           std::vector<std::string> parts) {
    rejects([&] { return workbook::registry().optimizer(optimizer).make(settings); },
            std::move(parts));
  };
  refused("adam", {{"betas", "0.9,1"}},
          {"--betas = 0.9,1 is invalid: expected each of --betas in [0, 1)"});
  refused("adam", {{"betas", "0.9"}}, {"--betas: '0.9' is not two numbers separated by a comma"});
  refused("rmsprop", {{"eps", "-1"}}, {"--eps = -1"});
  refused("nadam", {{"momentum_decay", "-1"}}, {"--momentum-decay = -1 is invalid"});
  refused("adamw", {{"bias_correction", "false"}}, {"'bias_correction' is not a setting of adamw"});
  refused("adagrad", {{"lr", "0"}}, {"--lr = 0"});
}

BOOST_AUTO_TEST_CASE(
    a_gradient_of_the_wrong_size_is_an_error,
    *utf::description("§5.10: step() checks that x has the dimension of the last reset() and the "
                      "gradient the size of x, naming both sizes")) {
  const Quadratic q = Quadratic::diagonal(Vector::Ones(3));
  Objective objective(q);
  for (const OptimizerEntry& entry : workbook::registry().optimizers()) {
    if (entry.name != "adagrad" && entry.name != "rmsprop" && entry.name != "adam" &&
        entry.name != "adamw" && entry.name != "nadam" && entry.name != "adabelief")
      continue;
    const auto rule = entry.make({});
    rule->reset(3);
    Vector x = Vector::Ones(3);
    BOOST_TEST_INFO(entry.name);
    BOOST_CHECK_EXCEPTION(
        rule->step(x, 0.0, Vector::Ones(2), objective), std::invalid_argument,
        testing::message_has({"gradient has 2 entries: expected 3 (the size of x)"}));
    Vector short_x = Vector::Ones(2);
    BOOST_TEST_INFO(entry.name);
    BOOST_CHECK_EXCEPTION(rule->step(short_x, 0.0, Vector::Ones(2), objective),
                          std::invalid_argument,
                          testing::message_has({"x has 2 entries but " + rule->name() +
                                                " was reset to 3: call reset(2) first"}));
    BOOST_TEST(x == Vector::Ones(3));  // nothing moved
  }
}

//! [state vectors]
BOOST_AUTO_TEST_CASE(
    state_vectors_per_parameter,
    *utf::description("§5.9: vectors of length n kept between steps: gradient descent 0, "
                      "Adagrad 1, RMSprop 1 (+1 with momentum, +1 centred), Adam, AdamW and "
                      "NAdam 2, AMSGrad 3, AdaBelief 2; each rule sizes exactly those")) {
  const Index n = 5;
  BOOST_TEST(gradient_descent_rule().state_vectors() == 0);

  auto adagrad = adagrad_rule();
  adagrad.reset(n);
  BOOST_TEST(adagrad.state_vectors() == 1);
  BOOST_TEST(adagrad.state().sum_of_squares.size() == n);

  struct RMSpropCase {
    double momentum;
    bool centered;
    int vectors;
  };
  for (const RMSpropCase& c : {RMSpropCase{0.0, false, 1}, RMSpropCase{0.9, false, 2},
                               RMSpropCase{0.0, true, 2}, RMSpropCase{0.9, true, 3}}) {
    auto rmsprop = rmsprop_rule(RMSpropParams{.momentum = c.momentum, .centered = c.centered});
    rmsprop.reset(n);
    BOOST_TEST_INFO(rmsprop.name());
    BOOST_TEST(rmsprop.state_vectors() == c.vectors);
    const RMSpropState& state = rmsprop.state();
    const Index allocated =
        state.square_average.size() + state.momentum_buffer.size() + state.gradient_average.size();
    BOOST_TEST(allocated == c.vectors * n);
  }

  for (bool amsgrad : {false, true}) {
    auto adam = adam_rule(AdamParams{.amsgrad = amsgrad});
    auto adamw = adamw_rule(AdamWParams{.amsgrad = amsgrad});
    for (AdamRule* rule : {&adam, &adamw}) {
      rule->reset(n);
      BOOST_TEST_INFO(rule->name());
      BOOST_TEST(rule->state_vectors() == (amsgrad ? 3 : 2));
      const AdamState& state = rule->state();
      const Index allocated = state.m.size() + state.v.size() + state.v_max.size();
      BOOST_TEST(allocated == rule->state_vectors() * n);
    }
  }

  auto nadam = nadam_rule();
  nadam.reset(n);
  BOOST_TEST(nadam.state_vectors() == 2);
  BOOST_TEST(nadam.state().m.size() + nadam.state().v.size() == 2 * n);
  auto adabelief = adabelief_rule();
  adabelief.reset(n);
  BOOST_TEST(adabelief.state_vectors() == 2);
  BOOST_TEST(adabelief.state().m.size() + adabelief.state().s.size() == 2 * n);
}
//! [state vectors]

BOOST_AUTO_TEST_CASE(
    a_nan_gradient_stops_the_run_as_diverged,
    *utf::description("§5.10: a NaN gradient is the driver's business: every adaptive rule's run "
                      "stops as diverged, at the start or in the middle of a run; and with "
                      "eps = 0 a coordinate whose gradient was always 0 gets 0/0, which the driver "
                      "reports too")) {
  const NanBelow nan_at_start(2.0, false);
  for (const std::string name : {"adagrad", "rmsprop", "adam", "adamw", "nadam", "adabelief"}) {
    const auto rule = workbook::registry().optimizer(name).make({});
    const Result result = minimize(nan_at_start, *rule, nan_at_start.default_start());
    BOOST_TEST_INFO(name << ": " << result.message);
    BOOST_TEST(result.reason == StopReason::diverged);
    BOOST_TEST(result.message.find("the gradient has a NaN") != std::string::npos);
  }
  // NAdam (lr = 0.1) walks from x = 1 towards 0 and meets the NaN below 0.5.
  const NanBelow nan_later(0.5, false);
  auto nadam = nadam_rule(NAdamParams{.learning_rate = 0.1});
  const Result later = minimize(nan_later, nadam, nan_later.default_start());
  BOOST_TEST_INFO(later.message);
  BOOST_TEST(later.reason == StopReason::diverged);
  BOOST_TEST(later.iterations > 1);

  const NanBelow flat(-10.0, true);
  auto no_epsilon = nadam_rule(NAdamParams{.epsilon = 0.0});
  const Result zero_over_zero = minimize(flat, no_epsilon, flat.default_start());
  BOOST_TEST_INFO(zero_over_zero.message);
  BOOST_TEST(zero_over_zero.reason == StopReason::diverged);
  BOOST_TEST(zero_over_zero.message.find("x has a NaN") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(least_squares)

BOOST_AUTO_TEST_CASE(
    derivatives_minimiser_and_scaling,
    *utf::description("§5.1: f(w) = ‖Xw − y‖²/(2N): its gradient and Hessian agree with finite "
                      "differences, w* = (1, ..., 1) with f* = 0, and feature scales σ = (1, 10) "
                      "give a Hessian whose diagonal is about (1, 100)")) {
  const LeastSquares problem = LeastSquares::badly_scaled(200, Vector{{1.0, 10.0}}, 4);
  BOOST_TEST(problem.name() == "least_squares");
  BOOST_TEST(problem.dimension() == 2);
  for (const Vector& w : {Vector{{0.3, -0.7}}, Vector{{2.0, 1.5}}, Vector{{-1.0, 0.1}}}) {
    const GradientCheck check = gradient_check(problem, w);
    BOOST_TEST(check.max_relative_error < 1e-8);
    const Matrix H = problem.hessian(w);
    BOOST_TEST((H - hessian_by_differences(problem, w)).cwiseAbs().maxCoeff() <
               1e-7 * H.cwiseAbs().maxCoeff());
    Vector g1, g2;
    problem.gradient(w, g1);
    BOOST_TEST(problem.value_and_gradient(w, g2) == problem.value(w), tt::tolerance(1e-14));
    BOOST_TEST((g1 - g2).norm() <= 1e-13 * g1.norm());
  }
  BOOST_TEST(problem.minimisers()[0] == Vector::Ones(2));
  BOOST_TEST(*problem.minimum() == 0.0);
  BOOST_TEST(problem.value(Vector::Ones(2)) <= 1e-28);
  Vector g;
  problem.gradient(Vector::Ones(2), g);
  BOOST_TEST(g.norm() <= 1e-13);
  const Matrix H = problem.hessian(Vector::Zero(2));
  BOOST_TEST(H(0, 0) == 1.0, tt::tolerance(0.2));
  BOOST_TEST(H(1, 1) == 100.0, tt::tolerance(0.2));

  const auto from_registry =
      workbook::registry().problem("least_squares").make({{"scales", "1,2,3"}, {"samples", "10"}});
  BOOST_TEST(from_registry->dimension() == 3);
  BOOST_TEST(from_registry->name() == "least_squares");
}

BOOST_AUTO_TEST_CASE(bad_input) {
  BOOST_CHECK_EXCEPTION(LeastSquares::badly_scaled(100, Vector{{1.0, 0.0}}), std::invalid_argument,
                        testing::message_has({"feature_scales[1] = 0 is invalid", "> 0"}));
  BOOST_CHECK_EXCEPTION(LeastSquares::badly_scaled(1, Vector{{1.0, 2.0}}), std::invalid_argument,
                        testing::message_has({"samples = 1 is invalid: expected samples >= 2"}));
  BOOST_CHECK_EXCEPTION(LeastSquares::badly_scaled(10, Vector()), std::invalid_argument,
                        testing::message_has({"feature_scales is empty"}));
  BOOST_CHECK_EXCEPTION(LeastSquares(Matrix{{1.0, 2.0}, {2.0, 4.0}}, Vector{{1.0, 2.0}}),
                        std::invalid_argument,
                        testing::message_has({"X has rank 1 with 2 columns"}));
  BOOST_CHECK_EXCEPTION(LeastSquares(Matrix::Identity(2, 2), Vector{{1.0}}), std::invalid_argument,
                        testing::message_has({"y has 1 entries: expected 2"}));
  BOOST_CHECK_EXCEPTION(LeastSquares(Matrix::Identity(2, 2), Vector{{1.0, nan_value}}),
                        std::invalid_argument, testing::message_has({"y[1] = nan"}));
  BOOST_CHECK_EXCEPTION(workbook::registry().problem("least_squares").make({{"scales", "1,-2"}}),
                        std::invalid_argument,
                        testing::message_has({"feature_scales[1] = -2 is invalid"}));
}

BOOST_AUTO_TEST_SUITE_END()
