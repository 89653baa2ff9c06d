/// \file
/// Chapter 2: averages of the iterates of stochastic gradient descent. With a constant learning
/// rate the iterates \f$\theta_t\f$ keep bouncing in a noise ball around the minimiser; their
/// average does not.
///
/// Both averages are small objects fed one iterate at a time: update(\f$\theta_t\f$) after each
/// step, value() for the average so far. The caller numbers the iterates it passes
/// \f$t = 1, 2, \dots\f$ (whether \f$\theta_0\f$, the start, is passed too is its choice).
#pragma once

#include <string>

#include "workbook/settings.hpp"
#include "workbook/types.hpp"

namespace workbook {

/// An average of the iterates, as the driver sees it: train() feeds it \f$\theta_{k+1}\f$ after
/// every step (Training::average) and reports its value.
class IterateAveraging {
 public:
  virtual ~IterateAveraging() = default;
  /// "polyak (burn_in = 100)", for legends.
  virtual std::string name() const = 0;
  /// Forgets every iterate.
  virtual void reset() = 0;
  /// Feeds the next iterate.
  virtual void update(const Vector& theta) = 0;
  /// The average so far. Throws `std::logic_error` before the first update().
  virtual const Vector& value() const = 0;
};

/// What the averages of the iterates share: their settings, checked once on construction, the
/// count \f$t\f$ of the iterates fed, the checks of each iterate (finite, of the first one's size)
/// and the average itself. Each average adds only its update().
template <class Params>
class IterateAverage : public IterateAveraging {
 public:
  /// Forgets every iterate.
  void reset() override;
  /// The average (see each average). Throws `std::logic_error` before the first update().
  const Vector& value() const override;
  /// \f$t\f$, the iterates fed since the last reset().
  long iterates() const { return t_; }
  /// The setting it runs with.
  const Params& params() const { return params_; }

 protected:
  /// Throws `std::invalid_argument` if `params` is invalid.
  explicit IterateAverage(Params params);
  /// Counts iterate \f$\theta_t\f$ and returns \f$t\f$. Throws `std::invalid_argument` if its size
  /// differs from the first iterate's or it is not finite.
  long count(const Vector& theta);
  /// The average, for update() to change.
  Vector& average() { return average_; }

 private:
  Params params_;
  Vector average_;
  long t_ = 0;
};

/// Polyak–Ruppert averaging's setting.
struct PolyakAverageParams {
  /// \f$t_0\f$, the burn-in: the first \f$t_0\f$ iterates are not averaged; \f$\ge 0\f$.
  long burn_in = 0;
  /// Its field: name, range and help (settings.hpp); on a command line, `--average-start`.
  static const Settings<PolyakAverageParams>& fields();
  /// Throws `std::invalid_argument` unless burn_in \f$\ge 0\f$, naming it as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// The Polyak–Ruppert average of the iterates after a burn-in of \f$t_0\f$:
/// \f[ \bar\theta_t = \frac{1}{t - t_0} \sum_{i = t_0 + 1}^{t} \theta_i, \f]
/// kept as a running mean, \f$\bar\theta \leftarrow \bar\theta + (\theta_t - \bar\theta)/(t - t_0)\f$,
/// which never sums (no growth, no cancellation between a large sum and a small iterate).
///
/// The semantics are those of torch.optim.swa_utils.AveragedModel: the first averaged iterate is
/// copied, each later one weighs \f$1/n\f$ where \f$n\f$ counts the iterates averaged so far; the
/// burn-in is when the caller would start calling `update_parameters`. During the burn-in value()
/// is the latest iterate, as torch's ASGD keeps its average equal to the parameters until the
/// averaging starts. torch's ASGD counts differently: with its `t0` it averages the iterates from
/// \f$\theta_{t_0 + 2}\f$ on, which is this average with burn_in \f$= t_0 + 1\f$ (up to rounding: ASGD
/// multiplies by \f$1/n\f$ where this divides by \f$n\f$).
/// value() is \f$\bar\theta_t\f$ (during the burn-in, the latest iterate).
class PolyakAverage : public IterateAverage<PolyakAverageParams> {
 public:
  /// Throws `std::invalid_argument` if `params` is invalid.
  explicit PolyakAverage(PolyakAverageParams params = {}) : IterateAverage(params) {}
  /// "polyak (burn_in = 100)".
  std::string name() const override;
  /// Feeds iterate \f$\theta_t\f$, \f$t\f$ = iterates() after the call (count() counts it and
  /// checks it). Throws `std::invalid_argument` if its size differs from the first iterate's or it
  /// is not finite. Chapter 2's exercise polyak_average
  /// (\ref exercises/ch02/polyak_average.cpp "the stub").
  void update(const Vector& theta) override;
  /// \f$t - t_0\f$, the iterates in the average (0 during the burn-in).
  long averaged() const {
    return iterates() > params().burn_in ? iterates() - params().burn_in : 0;
  }
};

/// The exponential moving average's setting.
struct ExponentialAverageParams {
  /// \f$\beta\f$, the weight of the past; in \f$[0, 1)\f$. The average remembers about the last
  /// \f$1/(1 - \beta)\f$ iterates.
  double decay = 0.99;
  /// Its field: name, range and help (settings.hpp); on a command line, `--ema-decay`.
  static const Settings<ExponentialAverageParams>& fields();
  /// Throws `std::invalid_argument` unless decay is in \f$[0, 1)\f$, naming it as `naming` says.
  void validate(Naming naming = Naming::code) const { fields().check(*this, naming); }
};

/// The exponential moving average of the iterates,
/// \f[ \tilde\theta_1 = \theta_1, \qquad \tilde\theta_t = \beta\,\tilde\theta_{t-1} + (1 - \beta)\,\theta_t, \f]
/// computed as \f$\tilde\theta \leftarrow \tilde\theta + (1 - \beta)(\theta_t - \tilde\theta)\f$. The
/// first iterate is copied, so there is no bias toward 0 to correct (unlike Adam's moments, which
/// start at 0); as torch.optim.swa_utils.AveragedModel with an EMA `avg_fn`. The average of a
/// constant sequence is that constant, exactly: \f$\theta_t - \tilde\theta = 0\f$ at every step.
/// value() is \f$\tilde\theta_t\f$.
class ExponentialAverage : public IterateAverage<ExponentialAverageParams> {
 public:
  /// Throws `std::invalid_argument` if `params` is invalid.
  explicit ExponentialAverage(ExponentialAverageParams params = {}) : IterateAverage(params) {}
  /// "ema (decay = 0.99)".
  std::string name() const override;
  /// Feeds iterate \f$\theta_t\f$. Throws `std::invalid_argument` if its size differs from the
  /// first iterate's or it is not finite.
  void update(const Vector& theta) override;
};

}  // namespace workbook
