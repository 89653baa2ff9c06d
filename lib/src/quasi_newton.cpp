// Chapter 4 update rules that learn curvature from gradients: the strong-Wolfe line search they
// share, nonlinear conjugate gradients, BFGS and L-BFGS. The L-BFGS direction, lbfgs_direction(),
// is an exercise (exercises/ch04/lbfgs_two_loop.cpp); everything else is defined here.
//
// Names follow the notes: φ(α) = f(x + αd) and φ'(α) = ∇f(x + αd)ᵀd along the direction d; the
// step's pair s = x_{k+1} − x_k, y = g_{k+1} − g_k and ρ = 1/yᵀs.
#include "workbook/quasi_newton.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "catalogue.hpp"
#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/registry.hpp"

namespace workbook {

// -------------------------------------------------------------------------------- parameters

const Settings<WolfeParams>& WolfeParams::fields() {
  static const auto fields =
      Settings<WolfeParams>()
          .add(&WolfeParams::initial_step, "initial_step", "initial_step", Range::positive(),
               "first step size tried, alpha_0")
          .add(&WolfeParams::sufficient_decrease, "sufficient_decrease", "sufficient_decrease",
               Range::open(0.0, 1.0), "c1 in f(x + alpha d) <= f(x) + c1 alpha grad f . d")
          .add(&WolfeParams::curvature, "curvature", "curvature", Range::open(0.0, 1.0),
               "c2 in |grad f(x + alpha d) . d| <= c2 |grad f(x) . d|, c1 < c2")
          .add(&WolfeParams::max_evaluations, "max_evaluations", "max_evaluations",
               Range::at_least(1), "trial points the search may evaluate");
  return fields;
}

void WolfeParams::validate(Naming naming) const {
  const Settings<WolfeParams>& f = fields();
  // 0 < c1 < c2 < 1: a step that satisfies both conditions exists (Nocedal and Wright, Lemma 3.1).
  // Every line search checks it: the names are spelled out only when it fails.
  if (!(sufficient_decrease > 0.0 && sufficient_decrease < 1.0 && curvature > sufficient_decrease &&
        curvature < 1.0)) {
    const std::string c1 = f.name("sufficient_decrease", naming);
    const std::string c2 = f.name("curvature", naming);
    Range::open(0.0, 1.0).check(c1, sufficient_decrease);
    Range::fail(c2 + " = " + format_number(curvature, 6), c1 + " < " + c2 + " < 1");
  }
  f.check(*this, naming);  // α₀ > 0 and the budget
}

const std::vector<Choice<ConjugateGradientBeta>>& setting_choices(ConjugateGradientBeta) {
  static const std::vector<Choice<ConjugateGradientBeta>> choices{
      {"fr", ConjugateGradientBeta::fletcher_reeves},
      {"pr", ConjugateGradientBeta::polak_ribiere_plus}};
  return choices;
}

std::string to_string(ConjugateGradientBeta beta) {
  return setting_text(beta);
}

// The line search's constants are WolfeParams' fields: a Settings field is a member of the struct
// itself, and these are members of `line_search`.
const Settings<NonlinearCgParams>& NonlinearCgParams::fields() {
  static const auto fields =
      Settings<NonlinearCgParams>()
          .add(&NonlinearCgParams::beta, "beta", "beta",
               "the formula for beta_k: fr (Fletcher-Reeves) or pr (Polak-Ribiere+)")
          .include(&NonlinearCgParams::line_search, WolfeParams::fields());
  return fields;
}

void NonlinearCgParams::validate(Naming naming) const {
  if (beta != ConjugateGradientBeta::fletcher_reeves &&
      beta != ConjugateGradientBeta::polak_ribiere_plus) {
    Range::fail("beta = " + std::to_string(static_cast<int>(beta)),
                "fletcher_reeves or polak_ribiere_plus");
  }
  line_search.validate(naming);
}

const Settings<BfgsParams>& BfgsParams::fields() {
  static const auto fields =
      Settings<BfgsParams>().include(&BfgsParams::line_search, WolfeParams::fields());
  return fields;
}

void BfgsParams::validate(Naming naming) const {
  line_search.validate(naming);
}

const Settings<LbfgsParams>& LbfgsParams::fields() {
  static const auto fields = Settings<LbfgsParams>()
                                 .add(&LbfgsParams::history, "history", "history",
                                      Range::at_least(1), "m, the number of pairs (s, y) kept")
                                 .include(&LbfgsParams::line_search, WolfeParams::fields());
  return fields;
}

void LbfgsParams::validate(Naming naming) const {
  fields().check(*this, naming);
  line_search.validate(naming);
}

// ----------------------------------------------------------------------------- the line search

// The file's helpers, in a namespace of their own: the library is compiled in batches of files
// (cmake/WorkbookUnity.cmake), where anonymous namespaces of different files meet.
namespace quasi_newton_detail {

// x + αd: the line search's trial points. A step takes the accepted one as x_{k+1} and hands its
// f and ∇f to the driver (Objective::hand_over()), which does not evaluate them again. The result
// goes into `point`, whose storage is reused when it has the size already.
[[gnu::noinline]] void point_along(const Vector& x, double alpha, const Vector& d, Vector& point) {
  point.resize(x.size());
  point = x + alpha * d;
}

// One trial point of the line search: α, φ(α) and φ'(α).
struct Trial {
  double alpha = 0.0;
  double phi = 0.0;
  double slope = 0.0;
  bool finite = true;  // φ(α) and ∇f(x + αd) are finite
};

// The minimiser of the cubic that interpolates φ and φ' at a and b (Nocedal and Wright, (3.59)),
// or NaN when the cubic has none.
double cubic_minimiser(const Trial& a, const Trial& b) {
  const double d1 = a.slope + b.slope - 3.0 * (a.phi - b.phi) / (a.alpha - b.alpha);
  const double radicand = d1 * d1 - a.slope * b.slope;
  if (!(radicand >= 0.0)) return std::numeric_limits<double>::quiet_NaN();
  const double d2 = std::copysign(std::sqrt(radicand), b.alpha - a.alpha);
  return b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2.0 * d2);
}

class StrongWolfeSearch {
 public:
  // The trial points and their gradients go into result.point and result.gradient.
  StrongWolfeSearch(Objective& objective, const Vector& x, double loss, const Vector& gradient,
                    const Vector& direction, const WolfeParams& params, LineSearchResult& result)
      : objective_(objective),
        x_(x),
        d_(direction),
        params_(params),
        phi0_(loss),
        result_(result),
        trial_(result.point),
        gradient_(result.gradient) {
    slope0_ = gradient.dot(direction);  // φ'(0) = ∇f(x)ᵀd
    if (!(slope0_ < 0.0)) {
      throw std::invalid_argument(
          "d is not a descent direction: ∇f(x)ᵀd = " + format_number(slope0_) +
          " >= 0, and the line search needs ∇f(x)ᵀd < 0");
    }
  }

  // Algorithm 3.5: α₀, then doubling, until a step satisfies both conditions or a bracket
  // [α_lo, α_hi] containing such steps is found, which zoom() shrinks.
  void run() {
    Trial previous{0.0, phi0_, slope0_, true};
    double alpha = params_.initial_step;
    for (int i = 0;; ++i) {
      const Trial t = evaluate(alpha);
      if (!t.finite || !sufficient_decrease(t) || (i > 0 && t.phi >= previous.phi)) {
        return zoom(previous, t);  // the step went too far: a minimiser lies below α
      }
      if (curvature_holds(t)) return accept(t);
      if (t.slope >= 0.0) return zoom(t, previous);  // φ turns up between the two
      previous = t;
      alpha *= 2.0;  // φ still descends at α: look further
    }
  }

 private:
  // Algorithm 3.6: `lo` satisfies sufficient decrease and has the lowest φ seen; φ'(lo) points
  // towards `hi`. A cubic interpolation, kept 10% of the bracket away from its ends, chooses the
  // next trial; bisection when the cubic has no minimiser or φ(hi) is not finite.
  void zoom(Trial lo, Trial hi) {
    for (;;) {
      const double width = hi.alpha - lo.alpha;
      const double low = std::min(lo.alpha, hi.alpha), high = std::max(lo.alpha, hi.alpha);
      double alpha = hi.finite ? cubic_minimiser(lo, hi) : std::numeric_limits<double>::quiet_NaN();
      if (std::isfinite(alpha)) {
        const double margin = 0.1 * std::abs(width);
        alpha = std::clamp(alpha, low + margin, high - margin);
      } else {
        alpha = lo.alpha + 0.5 * width;
      }
      if (!(alpha > low && alpha < high)) fail("the bracket shrank to rounding", lo, hi);
      const Trial t = evaluate(alpha);
      if (!t.finite || !sufficient_decrease(t) || t.phi >= lo.phi) {
        hi = t;
      } else {
        if (curvature_holds(t)) return accept(t);
        if (t.slope * width >= 0.0) hi = lo;  // φ' changes sign between t and lo
        lo = t;
      }
    }
  }

  // φ(α) and φ'(α), counted by the Objective; Breakdown once the budget is spent.
  Trial evaluate(double alpha) {
    if (evaluations_ >= params_.max_evaluations) {
      std::ostringstream why;
      why << "the strong-Wolfe line search found no step in " << params_.max_evaluations
          << " trial points (max_evaluations): f(x) = " << format_number(phi0_, 6)
          << ", ∇f(x)ᵀd = " << format_number(slope0_, 6)
          << ", last α = " << format_number(last_.alpha, 6)
          << " with f = " << format_number(last_.phi, 6)
          << " and φ'(α) = " << format_number(last_.slope, 6);
      throw Breakdown(why.str());
    }
    ++evaluations_;
    point_along(x_, alpha, d_, trial_);
    Trial t;
    t.alpha = alpha;
    t.phi = objective_.trial_value_and_gradient(trial_, gradient_);
    t.slope = gradient_.dot(d_);
    // A NaN or infinite entry of ∇f makes φ' = ∇fᵀd NaN or infinite (∞·0 is NaN): one test.
    t.finite = std::isfinite(t.phi) && std::isfinite(t.slope);
    last_ = t;
    return t;
  }

  bool sufficient_decrease(const Trial& t) const {
    return t.phi <=
           phi0_ + params_.sufficient_decrease * t.alpha * slope0_;  // φ(α) ≤ φ(0) + c₁αφ'(0)
  }
  bool curvature_holds(const Trial& t) const {
    return std::abs(t.slope) <= -params_.curvature * slope0_;  // |φ'(α)| ≤ c₂|φ'(0)|
  }

  // The last trial, which satisfies both conditions: its point and gradient are in the result
  // already, for the step to hand over.
  void accept(const Trial& t) {
    result_.step_size = t.alpha;
    result_.loss = t.phi;
    result_.evaluations = evaluations_;
  }

  [[noreturn]] void fail(const std::string& what, const Trial& lo, const Trial& hi) const {
    std::ostringstream why;
    why << "the strong-Wolfe line search failed after " << evaluations_ << " trial points: " << what
        << ", [α_lo, α_hi] = [" << format_number(lo.alpha, 17) << ", "
        << format_number(hi.alpha, 17) << "], f(x) = " << format_number(phi0_, 17)
        << ", f(x + α_lo d) = " << format_number(lo.phi, 17)
        << ", ∇f(x)ᵀd = " << format_number(slope0_, 6)
        << ", φ'(α_lo) = " << format_number(lo.slope, 6)
        << ": f cannot decrease further along d at this precision";
    throw Breakdown(why.str());
  }

  Objective& objective_;
  const Vector& x_;
  const Vector& d_;
  const WolfeParams& params_;
  double phi0_;        // φ(0) = f(x)
  double slope0_ = 0;  // φ'(0) = ∇f(x)ᵀd < 0
  int evaluations_ = 0;
  Trial last_;
  LineSearchResult& result_;
  Vector& trial_;     // x + αd: result_.point
  Vector& gradient_;  // ∇f(x + αd): result_.gradient
};

}  // namespace quasi_newton_detail

LineSearchResult strong_wolfe_line_search(Objective& objective, const Vector& x, double loss,
                                          const Vector& gradient, const Vector& direction,
                                          const WolfeParams& params) {
  LineSearchResult result;
  strong_wolfe_line_search(objective, x, loss, gradient, direction, params, result);
  return result;
}

void strong_wolfe_line_search(Objective& objective, const Vector& x, double loss,
                              const Vector& gradient, const Vector& direction,
                              const WolfeParams& params, LineSearchResult& result) {
  params.validate();
  require_size("gradient", gradient, x.size(), "the size of x");
  require_size("direction", direction, x.size(), "the size of x");
  for (const Vector* input : {&x, &gradient, &direction}) {
    if (input == &result.point || input == &result.gradient) {
      throw std::invalid_argument(
          "the line search's result shares its storage with x, the gradient or the direction: "
          "expected a LineSearchResult of its own");
    }
  }
  quasi_newton_detail::StrongWolfeSearch(objective, x, loss, gradient, direction, params, result)
      .run();
}

// ------------------------------------------------------------------- nonlinear conjugate gradients

void NonlinearCgState::reset(Index n, const NonlinearCgParams&) {
  direction = Vector::Zero(n);
  previous_gradient = Vector::Zero(n);
  step_size = beta = 0.0;
  restarts = t = 0;
}

void nonlinear_cg_step(Vector& x, double loss, const Vector& gradient, Objective& objective,
                       NonlinearCgState& state, const NonlinearCgParams& params) {
  const Vector& g = gradient;  // g_{k+1}; state.previous_gradient is g_k and state.direction d_k
  Vector& d = state.direction;
  WolfeParams search = params.line_search;
  if (state.t == 0) {
    d = -g;  // d_0 = −g_0
    state.beta = 0.0;
  } else {
    const Vector& g_previous = state.previous_gradient;
    const double previous_slope = g_previous.dot(d);  // g_kᵀd_k
    const double gg_previous = g_previous.squaredNorm();
    double beta = 0.0;
    if (params.beta == ConjugateGradientBeta::fletcher_reeves) {
      beta = g.squaredNorm() / gg_previous;  // β = g_{k+1}ᵀg_{k+1} / g_kᵀg_k
    } else {
      beta = std::max(0.0, g.dot(g - g_previous) /
                               gg_previous);  // β = max(0, g_{k+1}ᵀ(g_{k+1} − g_k) / g_kᵀg_k)
    }
    d = -g + beta * d;  // d_{k+1} = −g_{k+1} + β d_k
    if (!(g.dot(d) < 0.0)) {
      d = -g;  // not a descent direction: restart along −g
      beta = 0.0;
      ++state.restarts;
    }
    state.beta = beta;
    // The first trial step, α_k g_kᵀd_k / g_{k+1}ᵀd_{k+1} (Nocedal and Wright, (3.60)): the same
    // first-order change of f as the last step.
    const double alpha0 = state.step_size * previous_slope / g.dot(d);
    if (std::isfinite(alpha0) && alpha0 > 0.0) search.initial_step = alpha0;
  }
  LineSearchResult found = strong_wolfe_line_search(objective, x, loss, g, d, search);
  state.previous_gradient = g;
  x.swap(found.point);  // x_{k+1} = x_k + α_k d_k
  state.step_size = found.step_size;
  ++state.t;
  objective.hand_over(x, found.loss, found.gradient);  // f and ∇f at x_{k+1}, for the driver
}

NonlinearCgRule nonlinear_cg_rule(NonlinearCgParams params) {
  return {params, nonlinear_cg_step,
          [](const NonlinearCgParams& p) { return "nonlinear-cg (" + to_string(p.beta) + ")"; }};
}

// ------------------------------------------------------------------------------------ BFGS

void BfgsState::reset(Index, const BfgsParams&) {
  H.resize(0, 0);
  step_size = 0.0;
  skipped_updates = t = 0;
}

void bfgs_step(Vector& x, double loss, const Vector& gradient, Objective& objective,
               BfgsState& state, const BfgsParams& params) {
  const Index n = x.size();
  Matrix& H = state.H;
  if (H.rows() != n) H = Matrix::Identity(n, n);  // H_0 = I
  const Vector p = -(H * gradient);               // p_k = −H_k g_k
  LineSearchResult found =
      strong_wolfe_line_search(objective, x, loss, gradient, p, params.line_search);
  const Vector s = found.point - x;            // s_k = x_{k+1} − x_k
  const Vector y = found.gradient - gradient;  // y_k = g_{k+1} − g_k
  x.swap(found.point);                         // x_{k+1} = x_k + α_k p_k
  state.step_size = found.step_size;
  const double sy = s.dot(y);
  if (sy > 0.0) {
    // After the first step, before the first update, H_0 = γI with γ = sᵀy/yᵀy (Nocedal and
    // Wright, (6.20)): the size of the inverse curvature along the step.
    if (state.t - state.skipped_updates == 0) H *= sy / y.squaredNorm();
    const double rho = 1.0 / sy;  // ρ_k = 1/y_kᵀs_k
    const Vector Hy = H * y;
    // (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ = H − ρ(s(Hy)ᵀ + (Hy)sᵀ) + (ρ²yᵀHy + ρ)ssᵀ, for symmetric H.
    H.noalias() -= rho * (s * Hy.transpose() + Hy * s.transpose());
    H.noalias() += (rho * rho * y.dot(Hy) + rho) * (s * s.transpose());
    // The two products round differently above and below the diagonal: keep H exactly symmetric.
    H.triangularView<Eigen::StrictlyUpper>() = H.transpose();
  } else {
    ++state.skipped_updates;  // sᵀy ≤ 0 would make H indefinite: keep H_k
  }
  ++state.t;
  objective.hand_over(x, found.loss, found.gradient);  // f and ∇f at x_{k+1}, for the driver
}

BfgsRule bfgs_rule(BfgsParams params) {
  return {params, bfgs_step, [](const BfgsParams&) { return std::string("bfgs"); }};
}

// ----------------------------------------------------------------------------------- L-BFGS

LbfgsHistory::LbfgsHistory(int m) : m_(m) {
  require_at_least("m", m, 1);
}

void LbfgsHistory::check_sizes(const Vector& s, const Vector& y) const {
  require_size("y", y, s.size(), "the size of s");
  if (!s_.empty()) require_size("s", s, s_.front().size(), "the size of the pairs kept");
}

void LbfgsHistory::push(const Vector& s, const Vector& y) {
  check_sizes(s, y);
  const double sy = s.dot(y);
  if (!(sy > 0.0)) {
    throw std::invalid_argument("sᵀy = " + format_number(sy, 6) +
                                " is invalid: expected sᵀy > 0 (the pair would make H indefinite: "
                                "skip it)");
  }
  Vector s_copy = s, y_copy = y;
  keep(s_copy, y_copy, sy);
}

bool LbfgsHistory::push_by_swap(Vector& s, Vector& y) {
  check_sizes(s, y);
  const double sy = s.dot(y);
  if (!(sy > std::numeric_limits<double>::epsilon() * y.squaredNorm())) return false;
  keep(s, y, sy);
  return true;
}

void LbfgsHistory::keep(Vector& s, Vector& y, double sy) {
  Vector oldest_s, oldest_y;  // empty unless a pair is dropped
  if (size() == m_) {
    oldest_s = std::move(s_.front());
    oldest_y = std::move(y_.front());
    s_.pop_front();
    y_.pop_front();
    rho_.pop_front();
  }
  s_.push_back(std::move(s));  // moved, not copied
  y_.push_back(std::move(y));
  rho_.push_back(1.0 / sy);
  // The caller gets the dropped pair's storage back, for the next pair: once the history is
  // full, no vector is copied or allocated.
  s = std::move(oldest_s);
  y = std::move(oldest_y);
}

void LbfgsHistory::clear() {
  s_.clear();
  y_.clear();
  rho_.clear();
}

void LbfgsState::reset(Index, const LbfgsParams& params) {
  history = LbfgsHistory(params.history);
  step_size = 0.0;
  skipped_updates = t = 0;
}

void lbfgs_step(Vector& x, double loss, const Vector& gradient, Objective& objective,
                LbfgsState& state, const LbfgsParams& params) {
  Vector& d = state.direction;
  lbfgs_direction(gradient, state.history, d);  // d_k = −H_k g_k
  WolfeParams search = params.line_search;
  // Without pairs d = −g, whose length says nothing of the step: try a step of length 1 first,
  // α₀ = 1/‖g‖ (as LBFGSpp does). With pairs, H knows the scale and α₀ = 1 is the quasi-Newton step.
  if (state.history.size() == 0) search.initial_step = 1.0 / gradient.norm();
  LineSearchResult& found = state.search;
  strong_wolfe_line_search(objective, x, loss, gradient, d, search, found);
  Vector& s = state.s;
  Vector& y = state.y;
  s.noalias() = found.point - x;            // s_k = x_{k+1} − x_k
  y.noalias() = found.gradient - gradient;  // y_k = g_{k+1} − g_k
  x.swap(found.point);  // x_{k+1} = x_k + α_k d_k; x_k's storage takes the next trial points
  state.step_size = found.step_size;
  if (!state.history.push_by_swap(s, y)) ++state.skipped_updates;
  ++state.t;
  objective.hand_over(x, found.loss, found.gradient);  // f and ∇f at x_{k+1}, for the driver
}

LbfgsRule lbfgs_rule(LbfgsParams params) {
  return {params, lbfgs_step,
          [](const LbfgsParams& p) { return "lbfgs (m = " + std::to_string(p.history) + ")"; }};
}

}  // namespace workbook

// ------------------------------------------------------------------------------------ catalogue

void workbook::catalogue::add_quasi_newton(Registry& registry) {
  registry.add(optimizer_entry(
      "nonlinear-cg",
      "nonlinear conjugate gradients, d <- -g + beta d, with a strong-Wolfe line search "
      "(c2 = 0.1); --beta fr|pr (Chapter 4)",
      NonlinearCgParams::fields(), nonlinear_cg_rule));
  registry.add(optimizer_entry(
      "bfgs",
      "BFGS: p = -H g with the inverse-Hessian approximation H, strong-Wolfe line search "
      "(Chapter 4)",
      BfgsParams::fields(), bfgs_rule));
  registry.add(optimizer_entry(
      "lbfgs",
      "L-BFGS: the two-loop recursion over the last --history pairs (s, y), strong-Wolfe "
      "line search (Chapter 4)",
      LbfgsParams::fields(), lbfgs_rule));
}
