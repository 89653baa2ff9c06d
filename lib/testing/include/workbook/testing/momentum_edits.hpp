#pragma once
// Chapter 3's steps and formulas as the notes' lines (single_edits.hpp), and the sentence naming
// the single edit of those lines that a student's function is: the heavy ball's and Nesterov's
// steps (§3.2, §3.6), the map from a ball's mass, friction and time step (§3.1), and the tuned
// parameters from the Hessian's extreme eigenvalues (§3.5, §3.6). The formulas' inputs are drawn
// at random per coordinate, so every edit of a formula is told apart from the others by value.
#include <string>
#include <utility>
#include <vector>

#include "workbook/momentum.hpp"
#include "workbook/testing/single_edits.hpp"

namespace workbook::testing {

namespace detail {

// A momentum step's lines begin alike: η = 0.1 and β = 0.6, x and x_previous handed back.
struct MomentumLines {
  edits::Program p;
  edits::E eta, beta, x, x_previous;
};
inline MomentumLines momentum_lines(std::string name, std::string section) {
  MomentumLines m;
  m.p.name = std::move(name);
  m.p.section = std::move(section);
  m.eta = m.p.parameter("η", 0.1);
  m.beta = m.p.parameter("β", 0.6);
  m.x = m.p.variable("x", true);
  m.x_previous = m.p.variable("x_previous", true);
  return m;
}

// One step of a Chapter 3 kernel from x = before[0] and x_previous = before[1] (the fourth step):
// `take(point, state)` takes it; x and x_previous handed back, NaN for the other variables.
template <class Take>
std::vector<Vector> momentum_after(const std::vector<Vector>& before, Take take) {
  Vector point = before[0];
  MomentumState state;
  state.x_previous = before[1];
  state.t = 3;
  take(point, state);
  std::vector<Vector> after(before.size(), Vector::Constant(3, std::nan("")));
  after[0] = edits::handed_back(point);
  after[1] = edits::handed_back(state.x_previous);
  return after;
}

}  // namespace detail

/// The heavy ball's step, §3.2, as single edits of its lines
/// (x_next ← x − η·∇f + β·(x − x_previous), x_previous ← x, x ← x_next).
inline std::string heavy_ball_edit(void (*kernel)(Vector&, const Vector&, MomentumState&,
                                                  const MomentumParams&)) {
  auto [p, eta, beta, x, x_previous] =
      detail::momentum_lines("The heavy ball's step (η = 0.1, β = 0.6)", "§3.2");
  const edits::E gradient = p.variable("∇f"), x_next = p.variable("x_next");
  p.let(x_next, x - eta * gradient + beta * (x - x_previous));
  p.let(x_previous, x);
  p.let(x, x_next);
  const std::vector<edits::Draw> draws = {
      edits::uniform(-2, 2), edits::uniform(-2, 2), edits::uniform(-2, 2), {}};
  auto step = [&](const std::vector<Vector>& before) {
    return detail::momentum_after(before, [&](Vector& point, MomentumState& state) {
      kernel(point, before[2], state, MomentumParams{0.1, 0.6});
    });
  };
  return edits::which_edit(p, edits::situations(p, draws, step));
}

/// Nesterov's step, §3.6, as single edits of its lines (y ← x + β·(x − x_previous),
/// x_previous ← x, x ← y − η·∇f(y)), on f whose gradient is h·(x − c) coordinate by coordinate.
inline std::string nesterov_edit(void (*kernel)(Vector&, const GradientFunction&, MomentumState&,
                                                const MomentumParams&)) {
  auto [p, eta, beta, x, x_previous] =
      detail::momentum_lines("Nesterov's step (η = 0.1, β = 0.6)", "§3.6");
  const edits::E y = p.variable("y");
  p.curvature = p.variable("h").e->index;
  p.center = p.variable("c").e->index;
  p.let(y, x + beta * (x - x_previous));
  p.let(x_previous, x);
  p.let(x, y - eta * edits::gradient_at(y));
  const std::vector<edits::Draw> draws = {edits::uniform(-2, 2),
                                          edits::uniform(-2, 2),
                                          {},
                                          edits::uniform(0.5, 3),
                                          edits::uniform(-1, 1)};
  auto step = [&](const std::vector<Vector>& before) {
    const Vector h = before[3], c = before[4];
    const GradientFunction gradient = [h, c](const Vector& at) -> Vector {
      if (at.size() != h.size()) return Vector::Constant(h.size(), std::nan(""));
      return h.cwiseProduct(at - c);
    };
    return detail::momentum_after(before, [&](Vector& point, MomentumState& state) {
      kernel(point, gradient, state, MomentumParams{0.1, 0.6});
    });
  };
  return edits::which_edit(p, edits::situations(p, draws, step));
}

/// §3.1's map from a ball (m, μ, Δt) to (η, β), as single edits of its lines
/// (D ← m + μ·Δt, β ← m/D, η ← Δt²/D), on random balls.
inline std::string physics_edit(MomentumParams (*map)(const PhysicalParams&)) {
  using edits::E;
  edits::Program p;
  p.name = "The map from a ball to (η, β)";
  p.section = "§3.1";
  p.drawn = "random balls (m, μ, Δt)";
  p.draws = 3;
  const E m = p.variable("m"), mu = p.variable("μ"), dt = p.variable("Δt"), d = p.variable("D"),
          beta = p.variable("β", true), eta = p.variable("η", true);
  // η before β, as a student may compute them: a β that reads η (Δt taken for η) is one edit.
  p.let(d, m + mu * dt);
  p.let(eta, edits::square(dt) / d);
  p.let(beta, m / d);
  // The equation per unit mass with the friction left undivided: m(1 + μΔt) for m(1 + μΔt/m).
  p.formula(
      "the friction not divided by the mass in the per-unit-mass form: per unit mass the "
      "friction is μ/m, and m(1 + μΔt/m) = m + μΔt; is μ divided by a mass already set to 1 "
      "(m /= m before μ /= m, in place)? Keep the original m for every division",
      d, m * (1.0 + mu * dt));
  // The continuous ball's velocity decays by 1/exp(μΔt/m) over Δt: right to first order in Δt,
  // but not the map of the discretised equation that the heavy ball is.
  p.formula("the continuous velocity's decay over Δt, not the forward difference's β", beta,
            1.0 / edits::exp(mu * dt / m));
  // The backward difference's β (friction at the previous velocity), which goes negative once
  // μΔt > m.
  p.formula(
      "the backward difference's β, friction taken at the previous velocity; the forward "
      "difference divides by m + μΔt instead",
      beta, 1.0 - mu * dt / m);
  // β written from η as 1 − μη: 1 − β = μΔt/D = μη/Δt, so that form has lost a 1/Δt.
  p.formula(
      "β written from η as 1 − μη; 1 − β = μΔt/(m + μΔt) = μη/Δt, since η = Δt²/(m + μΔt) "
      "carries one Δt more than the friction's share of a step: a 1/Δt is missing",
      beta, 1.0 - mu * edits::square(dt) / d);
  // The whole coefficient of x_t once the equation is solved for x_{t+1}: 1 + β, read as β.
  p.formula(
      "x_t's whole coefficient in the solved equation, (2m + μΔt)/D = 1 + β; the step "
      "x_t − η∇U + β(x_t − x_{t−1}) already holds one x_t, so β is that coefficient minus 1",
      beta, (2.0 * m + mu * dt) / d);
  // The same coefficient minus 1, the 1 taken from the numerator alone: (2m + μΔt − 1)/D.
  p.formula(
      "β read off x_t's coefficient minus 1 with the 1 taken from the numerator alone: "
      "(2m + μΔt − 1)/D; a 1 taken from a fraction takes its whole denominator, "
      "(2m + μΔt)/D − 1 = (2m + μΔt − D)/D = m/D, and a pure number taken from a mass "
      "makes β change with the unit of mass",
      beta, (2.0 * m + mu * dt - 1.0) / d);
  // The same coefficient with the forward difference's −μΔt·x_t lost when collecting terms:
  // 2m/D, minus 1.
  p.formula(
      "β read off x_t's coefficient with the friction's −μΔt·x_t lost when collecting the "
      "terms: 2m/D − 1 = (m − μΔt)/D; x_t's coefficient is (2m + μΔt)/D, the 2m of the "
      "acceleration and the μΔt of the friction's forward difference, and it is 1 + β with "
      "β = m/D",
      beta, 2.0 * m / d - 1.0);
  // The same coefficient with the friction's μΔt·x_t moved across without its sign changed:
  // (2m − μΔt)/D, minus 1.
  p.formula(
      "β read off x_t's coefficient with the friction's μΔt·x_t moved across the equation "
      "without its sign changed: (2m − μΔt)/D − 1 = (m − 2μΔt)/D; x_t's coefficient is "
      "(2m + μΔt)/D = 1 + β, with β = m/D",
      beta, (2.0 * m - mu * dt) / d - 1.0);
  // §3.2's effective step η/(1 − β) taken for η: Δt²/D/(1 − m/D) = Δt/μ, the mass gone.
  p.formula(
      "§3.2's effective step η/(1 − β) = Δt/μ, the displacement per step that the momentum "
      "builds up under a constant force, not the step's η: η is the coefficient of −∇U(x_t) in "
      "the solved equation, Δt²/(m + μΔt); η/(1 − β) is also §3.3's moving-average form's step",
      eta, edits::square(dt) / d / (1.0 - m / d));
  // A Δt cancelled between Δt² and m + μΔt, as if both terms of the sum had one.
  p.formula(
      "a Δt cancelled between Δt² and m + μΔt, but only μΔt has one, and m none: "
      "Δt²/(m + μΔt) does not simplify (η has the units time²/mass)",
      eta, dt / (m + mu));
  const std::vector<edits::Draw> draws = {
      edits::uniform(0.5, 3), edits::uniform(0.1, 2), edits::uniform(0.01, 0.5), {}, {}, {}};
  auto run = [&](const std::vector<Vector>& before) {
    std::vector<Vector> after(6, Vector::Constant(3, std::nan("")));
    for (Index i = 0; i < 3; ++i) {
      PhysicalParams ball;
      ball.mass = before[0](i);
      ball.friction = before[1](i);
      ball.time_step = before[2](i);
      const MomentumParams got = map(ball);
      after[4](i) = got.momentum;
      after[5](i) = got.learning_rate;
    }
    return after;
  };
  return edits::which_edit(p, edits::situations(p, draws, run));
}

/// §3.5's optimal heavy ball (η ← (2/(√λ₁ + √λₙ))², κ ← λₙ/λ₁, β ← ((√κ − 1)/(√κ + 1))²) or
/// §3.6's Nesterov parameters (η ← 1/λₙ, κ ← λₙ/λ₁, β ← (√κ − 1)/(√κ + 1)) as single edits of
/// those lines, on random spectra 0 < λ₁ < λₙ; then of the same lines with β written from the
/// eigenvalues, (√λₙ − √λ₁)/(√λₙ + √λ₁), in which a slip of that form is one edit.
inline std::string tuning_edit(MomentumParams (*tuning)(double, double), bool nesterov) {
  using edits::E;
  std::string edit;
  for (const bool from_roots : {false, true}) {
    edits::Program p;
    p.name = nesterov ? "Nesterov's parameters" : "The optimal heavy ball";
    if (from_roots) p.name += " (β written from √λ₁ and √λₙ)";
    p.section = nesterov ? "§3.6" : "§3.5";
    p.drawn = "random spectra 0 < λ₁ < λₙ";
    p.draws = 3;
    const E low = p.variable("λ₁"), high = p.variable("λₙ"), kappa = p.variable("κ"),
            eta = p.variable("η", true), beta = p.variable("β", true);
    // β before η, as a student who solves the conditions for η from β computes them: an η that
    // reads β is one edit.
    p.let(kappa, high / low);
    const E rate = (edits::sqrt(kappa) - 1.0) / (edits::sqrt(kappa) + 1.0);
    const E optimal_eta = edits::square(2.0 / (edits::sqrt(low) + edits::sqrt(high)));  // §3.5
    const E written =
        from_roots ? (edits::sqrt(high) - edits::sqrt(low)) / (edits::sqrt(high) + edits::sqrt(low))
                   : rate;
    p.let(beta, nesterov ? written : edits::square(written));
    if (nesterov) {
      p.let(eta, 1.0 / high);
    } else {
      p.let(eta, optimal_eta);
    }
    // The chapter's other formulas for η and β, which a slip may carry over.
    if (nesterov) {
      p.formula("§3.5's optimal heavy ball's η", eta, optimal_eta);
      p.formula("§3.5's optimal heavy ball's β", beta, edits::square(rate));
    } else {
      p.formula("§3.6's Nesterov's η", eta, 1.0 / high);
      p.formula("§3.6's Nesterov's β", beta, rate);
      // A condition solved for η with its square expanded term by term: (1 ∓ √β)² as 1 ∓ β.
      p.formula(
          "ηλ₁ = (1 − √β)² solved with the square of a difference taken as the difference of "
          "the squares, 1 − β; (1 − √β)² = 1 − 2√β + β",
          eta, (1.0 - beta) / low);
      p.formula(
          "ηλₙ = (1 + √β)² solved with the square of a sum taken as the sum of the squares, "
          "1 + β; (1 + √β)² = 1 + 2√β + β",
          eta, (1.0 + beta) / high);
      // The same two conditions solved for β with the square expanded term by term: from
      // (1 − √β)² = ηλ₁ taken as 1 − β = ηλ₁, and from (1 + √β)² = ηλₙ taken as 1 + β = ηλₙ.
      p.formula(
          "β = 1 − ηλ₁, from ηλ₁ = (1 − √β)² with the square of a difference taken as the "
          "difference of the squares, 1 − β; (1 − √β)² = 1 − 2√β + β, and its root gives "
          "√β = 1 − √(ηλ₁)",
          beta, 1.0 - optimal_eta * low);
      p.formula(
          "β = ηλₙ − 1, from ηλₙ = (1 + √β)² with the square of a sum taken as the sum of the "
          "squares, 1 + β; (1 + √β)² = 1 + 2√β + β, and its root gives √β = √(ηλₙ) − 1",
          beta, optimal_eta * high - 1.0);
      // The two conditions added, (1 − √β)² + (1 + √β)² = η(λ₁ + λₙ), with the left side
      // expanded as 2 + β: it is 2 + 2β, and η = (2 + 2β)/(λ₁ + λₙ) is §3.5's η.
      p.formula(
          "η from the two conditions added, (1 − √β)² + (1 + √β)² = η(λ₁ + λₙ), with the left "
          "side taken as 2 + β; the cross terms ∓2√β cancel and the squares give β twice: "
          "2 + 2β",
          eta, (2.0 + beta) / (low + high));
      p.formula(
          "ηλ = 1 put at the geometric mean √(λ₁λₙ): the band's edges (1 − √β)² and "
          "(1 + √β)² have the geometric mean 1 − β, not 1; η comes from putting λ₁ on one edge "
          "and λₙ on the other",
          eta, 1.0 / edits::sqrt(low * high));
    }
    p.formula(
        std::string("the rate's large-κ approximation 1 − 2/√κ for (√κ − 1)/(√κ + 1), exact only "
                    "as κ → ∞ (0.8 against 9/11 on [1, 100], and a momentum of 1 at κ = 1)") +
            (nesterov ? "" : ", squared"),
        beta,
        nesterov ? 1.0 - 2.0 / edits::sqrt(kappa) : edits::square(1.0 - 2.0 / edits::sqrt(kappa)));
    p.formula(
        "κ = λₙ/λ₁ taken for L = λₙ; the condition number is a ratio, the smoothness "
        "constant L an eigenvalue (equal only when λ₁ = 1)",
        eta, nesterov ? 1.0 / kappa : edits::square(2.0 / (1.0 + edits::sqrt(kappa))));
    p.formula("gradient descent's best η (Chapter 1)", eta, 2.0 / (low + high));
    p.formula("Nesterov's rate 1 − 1/√κ, not a momentum", beta, 1.0 - 1.0 / edits::sqrt(kappa));
    p.formula("gradient descent's rate (κ − 1)/(κ + 1), not a momentum", beta,
              (kappa - 1.0) / (kappa + 1.0));
    const std::vector<edits::Draw> draws = {
        edits::uniform(0.1, 1), edits::uniform(2, 50), {}, {}, {}};
    auto run = [&](const std::vector<Vector>& before) {
      std::vector<Vector> after(5, Vector::Constant(3, std::nan("")));
      for (Index i = 0; i < 3; ++i) {
        const MomentumParams got = tuning(before[0](i), before[1](i));
        after[3](i) = got.learning_rate;
        after[4](i) = got.momentum;
      }
      return after;
    };
    edit = edits::which_edit(p, edits::situations(p, draws, run));
    if (!edit.empty()) break;
  }
  return edit;
}

/// §3.4's spectral radius of the heavy ball along an eigenvalue λ (the exercise of §3.5), as single edits of its lines
/// (s ← 1 + β − η·λ, the roots' sum; D ← s² − 4·β, the discriminant; ρ ← √β if D < 0, else
/// (|s| + √D)/2), on random (η, β, λ) in every regime.
inline std::string radius_edit(double (*radius)(const MomentumParams&, double)) {
  using edits::E;
  edits::Program p;
  p.name = "The heavy ball's spectral radius";
  p.section = "§3.4";
  p.drawn = "random (η, β, λ)";
  p.draws = 3;
  const E eta = p.variable("η"), beta = p.variable("β"), lambda = p.variable("λ"),
          s = p.variable("s"), d = p.variable("D"), rho = p.variable("ρ", true);
  p.let(s, 1.0 + beta - eta * lambda);
  p.let(d, edits::square(s) - 4.0 * beta);
  p.let(rho, edits::if_negative(d, edits::sqrt(beta), (edits::abs(s) + edits::sqrt(d)) / 2.0));
  // η up to 2 and λ over three decades reach every regime, the unstable ones too, and let ηs
  // exceed 4β: an edit that only ever sees D < 0 cannot be told from ρ = √β everywhere.
  const std::vector<edits::Draw> draws = {edits::uniform(0.01, 2.0),
                                          edits::uniform(0.05, 0.95),
                                          edits::log_uniform(0.01, 10),
                                          {},
                                          {},
                                          {}};
  auto run = [&](const std::vector<Vector>& before) {
    std::vector<Vector> after(6, Vector::Constant(3, std::nan("")));
    for (Index i = 0; i < 3; ++i) {
      after[5](i) = radius(MomentumParams{before[0](i), before[1](i)}, before[2](i));
    }
    return after;
  };
  return edits::which_edit(p, edits::situations(p, draws, run, 8));
}

}  // namespace workbook::testing
