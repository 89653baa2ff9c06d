// Chapter 3, §3.3: the library's sgd_rule() is torch.optim.SGD. Its iterates are compared with torch's,
// recorded by tools/golden/torch_sgd.py in lib/testing/golden/ (torch never runs here), and a
// known wrong implementation (dampening on the first step) is diagnosed by name.
#include "workbook/gradient_descent.hpp"
#include "workbook/momentum.hpp"
#include "workbook/problems.hpp"
#include "workbook/registry.hpp"
#include "workbook/testing/golden.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

namespace {

// ------------------------------------------------------------------------- the golden files

struct GoldenCase {
  std::string name, problem;
  SgdParams params;
  long steps = 0;
  long lr_change_step = 0;  // steps 1..k use params.learning_rate, later ones lr_after (0: never)
  double lr_after = 0.0;
  std::vector<Vector> iterates;  // torch's x_0, x_1, ..., x_steps
};

// The cases of sgd_cases.csv, each with torch's iterates from sgd_<case>.csv.
std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  for (const testing::GoldenRow& row :
       testing::GoldenTable(testing::golden_file("sgd_cases.csv"))) {
    GoldenCase c;
    c.name = row.text("case");
    c.problem = row.text("problem");
    c.params.learning_rate = row.number("lr");
    c.params.momentum = row.number("momentum");
    c.params.dampening = row.number("dampening");
    c.params.nesterov = row.integer("nesterov") != 0;
    c.params.weight_decay = row.number("weight_decay");
    c.steps = row.integer("steps");
    c.lr_change_step = row.integer("lr_change_step");
    c.lr_after = row.number("lr_after");
    const testing::GoldenTable iterates(testing::golden_file("sgd_" + c.name + ".csv"));
    for (const testing::GoldenRow& step : iterates) c.iterates.push_back(step.numbers("x"));
    cases.push_back(std::move(c));
  }
  return cases;
}

// The problems of torch_sgd.py: f = ½xᵀAx − bᵀx with the A and b written there, and Rosenbrock.
std::unique_ptr<Problem> golden_problem(const std::string& name) {
  if (name == "quadratic") {
    const Matrix A{{3.0, 0.5, 0.0}, {0.5, 2.0, -0.3}, {0.0, -0.3, 1.0}};
    return std::make_unique<Quadratic>(A, Vector{{1.0, -0.5, 0.25}});
  }
  if (name == "rosenbrock") return std::make_unique<Rosenbrock>(2);
  throw std::invalid_argument("golden problem '" + name + "' is unknown");
}

// The iterates of `rule` on the golden case's problem, with its learning-rate change.
std::vector<Vector> replay(const GoldenCase& c, UpdateRule& rule) {
  const auto problem = golden_problem(c.problem);
  TraceRecorder trace;
  testing::ChangeLearningRate schedule(rule, c.lr_change_step, c.lr_after);
  StoppingRules stopping;
  stopping.gradient_tolerance = 0.0;
  stopping.max_iterations = c.steps;
  minimize(*problem, rule, c.iterates.at(0), stopping, {&trace, &schedule});
  return trace.iterates();
}

// The first step k where ‖x_k − x_k(torch)‖∞ > tolerance · ‖x_k(torch)‖∞, or −1.
long first_mismatch(const std::vector<Vector>& ours, const std::vector<Vector>& torch,
                    double tolerance) {
  if (ours.size() != torch.size()) return 0;
  for (std::size_t k = 0; k < ours.size(); ++k) {
    const double scale = torch[k].lpNorm<Eigen::Infinity>();
    if ((ours[k] - torch[k]).lpNorm<Eigen::Infinity>() > tolerance * scale) return long(k);
  }
  return -1;
}

// Why a run that should be torch's is not, in the notes' terms.
std::string diagnose_sgd(const GoldenCase& c, const std::vector<Vector>& ours) {
  const auto& torch = c.iterates;
  const long k = first_mismatch(ours, torch, 1e-10);
  if (k < 0) return "matches torch";
  if (ours.size() != torch.size()) {
    return "the run has " + std::to_string(ours.size()) + " iterates, torch's " +
           std::to_string(torch.size()) + ": did it stop early?";
  }
  const std::string where = c.name + ": first differs from torch at step " + std::to_string(k) +
                            ": " + format_vector(ours[std::size_t(k)], 12) + " against " +
                            format_vector(torch[std::size_t(k)], 12);
  if (k == 1 && c.params.momentum != 0.0) {
    // The first step is −lr·g (or −lr(1 + β)g with nesterov): compare its length with torch's.
    const double ratio = (ours[1] - ours[0]).norm() / (torch[1] - torch[0]).norm();
    const double tau = c.params.dampening;
    if (tau != 0.0 && testing::close(ratio, 1.0 - tau, 1e-9)) {
      return where + "; the first step is (1 − dampening) = " + format_number(1.0 - tau) +
             " times torch's: dampening applied on the first step? torch's first buffer is the "
             "gradient itself, b₁ = g₁, undamped";
    }
    if (c.params.nesterov && testing::close(ratio, 1.0 / (1.0 + c.params.momentum), 1e-9)) {
      return where +
             "; the first step is 1/(1 + β) times torch's: with nesterov the step is "
             "along g + βb, not b";
    }
  }
  return where;
}

// Known mistake, kept for its diagnosis: SGD that damps the first step too, b₁ = (1 − τ)g₁
// (an exponential moving average started from b₀ = 0). torch does not.
void sgd_damped_first_step(Vector& x, const Vector& gradient, SgdState& state,
                           const SgdParams& params) {
  Vector& b = state.momentum_buffer;
  const Vector g = gradient + params.weight_decay * x;
  b = params.momentum * b + (1.0 - params.dampening) * g;  // from b₀ = 0
  x -= params.learning_rate * (params.nesterov ? Vector(g + params.momentum * b) : b);
  ++state.t;
}

SgdRule sgd_damped_first_step_rule(const SgdParams& params) {
  return {params, sgd_damped_first_step,
          [](const SgdParams&) { return std::string("sgd, damped first step (wrong)"); }};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(momentum_sgd)

BOOST_AUTO_TEST_CASE(matches_torch_sgd_iterates,
                     *utf::description("§3.3: sgd_rule() reproduces torch.optim.SGD 1.13 to 1e-10 "
                                       "relative, step by step, with momentum, dampening, "
                                       "nesterov, weight decay and a learning rate changed "
                                       "mid-run, on a quadratic and on Rosenbrock")) {
  const auto cases = golden_cases();
  BOOST_TEST_REQUIRE(cases.size() == 11u);
  for (const GoldenCase& c : cases) {
    BOOST_TEST_REQUIRE(c.iterates.size() == std::size_t(c.steps + 1));
    auto sgd = sgd_rule(c.params);
    const std::vector<Vector> ours = replay(c, sgd);
    const std::string why = diagnose_sgd(c, ours);
    BOOST_TEST_INFO(sgd.name() << " on " << c.problem << ": " << why);
    BOOST_TEST(first_mismatch(ours, c.iterates, 1e-10) == -1);
  }
}

BOOST_AUTO_TEST_CASE(dampening_on_the_first_step_is_diagnosed,
                     *utf::description("§3.3: torch's first momentum buffer is the gradient, "
                                       "undamped; SGD that damps it too differs from torch, and "
                                       "the comparison says why")) {
  int checked = 0;
  for (const GoldenCase& c : golden_cases()) {
    if (c.params.dampening == 0.0) continue;
    auto wrong = sgd_damped_first_step_rule(c.params);
    const std::string why = diagnose_sgd(c, replay(c, wrong));
    BOOST_TEST_INFO(c.name << ": " << why);
    BOOST_TEST(why.find("dampening applied on the first step?") != std::string::npos);
    ++checked;
  }
  BOOST_TEST(checked == 3);
}

BOOST_AUTO_TEST_CASE(without_momentum_it_is_gradient_descent,
                     *utf::description("§3.3: momentum = 0 is plain gradient descent, "
                                       "x ← x − η(∇f + λx), with no state: gradient descent on "
                                       "f + (λ/2)‖x‖²")) {
  const Quadratic q = Quadratic::with_spectrum(Vector{{1.0, 4.0, 9.0}}, 5);
  const Vector x0{{1.0, -2.0, 0.5}};
  auto sgd = sgd_rule({0.1});
  BOOST_TEST(sgd.state_vectors() == 0);
  const Result plain = testing::run_steps(q, sgd, x0, 25);
  // ch01's gradient descent (its step is an exercise; here it is written out).
  Vector x = x0, g;
  for (int k = 0; k < 25; ++k) {
    q.gradient(x, g);
    x -= 0.1 * g;
  }
  BOOST_TEST((plain.x - x).norm() <= 1e-14 * x.norm());
  BOOST_TEST(sgd.state().momentum_buffer.size() == 0);

  // Weight decay λ = 0.5: gradient descent on f + (λ/2)‖x‖², whose Hessian is A + λI.
  const Quadratic penalised(q.A() + 0.5 * Matrix::Identity(3, 3), Vector::Zero(3));
  auto decayed = sgd_rule({0.1, 0.0, 0.0, false, 0.5});
  const Result with_decay = testing::run_steps(q, decayed, x0, 25);
  Vector y = x0;
  for (int k = 0; k < 25; ++k) {
    penalised.gradient(y, g);
    y -= 0.1 * g;
  }
  BOOST_TEST((with_decay.x - y).norm() <= 1e-14 * y.norm());
}

BOOST_AUTO_TEST_CASE(dampening_equal_to_momentum_has_no_warm_up,
                     *utf::description("§3.3: with dampening τ = β and a constant gradient g, "
                                       "torch's buffer is g at every step (b₁ = g, then "
                                       "βg + (1 − β)g = g), while the moving average "
                                       "m_t = (1 − β)g + βm_{t−1} from m₀ = 0 only reaches "
                                       "(1 − β^t)g")) {
  // The kernel is stepped by hand with the same gradient g at every step.
  testing::KernelRun sgd(sgd_step, SgdParams{0.1, 0.9, 0.9}, Vector::Zero(2));
  const Vector g{{2.0, -1.0}};
  Vector average = Vector::Zero(2);
  for (int t = 1; t <= 20; ++t) {
    sgd.step(g);
    average = 0.1 * g + 0.9 * average;
    const Vector& buffer = sgd.state.momentum_buffer;
    BOOST_TEST_INFO("step " << t << ": buffer " << format_vector(buffer, 17));
    BOOST_TEST((buffer - g).norm() <= 1e-15 * g.norm());
    BOOST_TEST((average - (1.0 - std::pow(0.9, t)) * g).norm() <= 1e-14 * g.norm());
  }
  BOOST_TEST((sgd.x + 20 * 0.1 * g).norm() <= 1e-13);  // 20 steps of exactly lr·g
}

BOOST_AUTO_TEST_CASE(settings_follow_torch_and_bad_values_are_refused,
                     *utf::description("§3.3: torch's names and defaults; lr ≤ 0, momentum outside "
                                       "[0, 1), dampening outside [0, 1], negative weight decay "
                                       "and nesterov without momentum or with dampening are "
                                       "refused with the value and the range")) {
  const OptimizerEntry& entry = workbook::registry().optimizer("sgd");
  std::vector<std::string> names;
  for (const SettingInfo& s : entry.settings) names.push_back(s.name);
  const std::vector<std::string> torch_names{"lr", "momentum", "dampening", "nesterov",
                                             "weight_decay"};
  BOOST_TEST(names == torch_names, tt::per_element());
  BOOST_TEST(entry.make({{"lr", "0.05"}, {"momentum", "0.9"}, {"nesterov", "true"}})->name() ==
             "sgd (lr = 0.05, momentum = 0.9, nesterov)");
  const auto with_momentum = entry.make({{"momentum", "0.9"}});
  with_momentum->reset(3);  // sized for n = 3 parameters
  BOOST_TEST(with_momentum->state_vectors() == 1);

  auto refused = [](SgdParams p, std::vector<std::string> parts) {
    BOOST_CHECK_EXCEPTION(sgd_rule(p), std::invalid_argument, testing::message_has(parts));
  };
  refused({0.0}, {"learning_rate = 0 is invalid", "expected learning_rate > 0"});
  refused({-0.1}, {"learning_rate = -0.1 is invalid"});
  refused({0.1, 1.0}, {"momentum = 1 is invalid", "expected momentum in [0, 1)"});
  refused({0.1, -0.5}, {"momentum = -0.5 is invalid", "[0, 1)"});
  refused({0.1, 0.9, 1.5}, {"dampening = 1.5 is invalid", "expected dampening in [0, 1]"});
  refused({0.1, 0.9, -0.1}, {"dampening = -0.1 is invalid", "[0, 1]"});
  refused({0.1, 0.9, 0.0, false, -1e-3},
          {"weight_decay = -0.001 is invalid", "expected weight_decay >= 0"});
  refused({0.1, 0.0, 0.0, true},
          {"nesterov = true with momentum = 0 is invalid", "expected momentum in (0, 1)"});
  refused({0.1, 0.9, 0.5, true},
          {"nesterov = true with dampening = 0.5 is invalid", "expected dampening = 0"});
  BOOST_CHECK_NO_THROW(sgd_rule({0.1, 0.9, 1.0}));  // dampening = 1 is allowed, as in torch
  BOOST_CHECK_EXCEPTION(entry.make({{"nesterov", "true"}}), std::invalid_argument,
                        testing::message_has({"--nesterov = true with --momentum = 0 is invalid: "
                                              "expected --momentum in (0, 1) with --nesterov"}));

  auto sgd = sgd_rule({0.1, 0.9});
  BOOST_CHECK_EXCEPTION(sgd.set_learning_rate(0.0), std::invalid_argument,
                        testing::message_has({"learning_rate = 0 is invalid", "> 0"}));
  sgd.set_learning_rate(0.02);
  BOOST_TEST(sgd.params().learning_rate == 0.02);
}

BOOST_AUTO_TEST_SUITE_END()
