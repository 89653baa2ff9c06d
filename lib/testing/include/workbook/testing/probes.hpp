#pragma once
// Probes of an update rule's step: properties that every correct step of the notes has, whatever
// its formula, each with the sentence a teacher would say when it breaks. The tests run them on
// the student's kernel, so that a slip nobody listed is still named in the notes' words instead of
// being reported as bare numbers.
//
//     const auto findings = testing::probe_step(workbook::adam_step, AdamParams{}, adam_shape());
//     for (const auto& finding : findings) BOOST_TEST_INFO(finding);
//     BOOST_TEST(findings.empty());
#include <cxxabi.h>
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "workbook/errors.hpp"
#include "workbook/format.hpp"
#include "workbook/function.hpp"
#include "workbook/rule.hpp"
#include "workbook/testing/allocations.hpp"
#include "workbook/testing/step_lines.hpp"
#include "workbook/types.hpp"

namespace workbook::testing {

/// What a step should do, for the probes: how its first step depends on the gradient's scale and
/// where its state keeps vectors and the step counter.
template <class State>
struct StepShape {
  /// The step's name in the sentences, "Adam's step".
  std::string name;
  /// How the first step from a fresh state scales when the gradient is multiplied by c: as
  /// \f$c^{p}\f$ with p = `scale_exponent` (0 for the adaptive methods, whose first step is
  /// about \f$\eta\f$ whatever the gradient; 1 for gradient descent and momentum).
  double scale_exponent = 0.0;
  /// The state's vectors by name (`m`, `v`, ...), checked for NaN and infinity.
  std::function<std::vector<std::pair<std::string, const Vector*>>(const State&)> vectors;
  /// The state's step counter \f$t\f$, if it has one.
  std::function<long(const State&)> counter;
  /// What NaN or infinity after the very first step most likely comes from.
  std::string first_step_nan = "a division by zero on the first step?";
  /// What a first step of about \f$g/\varepsilon\f$ most likely comes from: the root it divides
  /// by was 0.
  std::string divides_by_epsilon =
      "Add the current g² to the accumulated squares before dividing by their root";
};

namespace detail {

inline bool finite(const Vector& v) {
  return v.allFinite();
}

// Whether a and b hold the same doubles, bit for bit: a const input must come back so.
inline bool same_bits(const Vector& a, const Vector& b) {
  return a.size() == b.size() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * std::size_t(a.size())) == 0;
}

// Whether a and b agree to a relative `tolerance`, coordinate by coordinate.
inline bool agree(const Vector& a, const Vector& b, double tolerance) {
  if (a.size() != b.size()) return false;
  for (Index i = 0; i < a.size(); ++i) {
    if (std::abs(a(i) - b(i)) > tolerance * std::max(std::abs(a(i)), std::abs(b(i)))) return false;
  }
  return true;
}

// The finding of a step that is not proportional to η: `moved` with η, `twice` with 2η; "" if
// it is. `step` names the step, `from` says from where ("" or " from rest").
inline std::string linear_in_eta(const std::string& step, const std::string& from,
                                 const Vector& moved, const Vector& twice) {
  if (agree(twice, 2.0 * moved, 1e-9)) return "";
  const double ratio = twice.norm() / moved.norm();
  return step + " is not proportional to the learning rate" + from +
         ": doubling η changed the first step by a factor " + format_number(ratio, 4) +
         " instead of 2" +
         (std::abs(ratio - 4.0) < 1e-6   ? " (η used twice?)"
          : std::abs(ratio - 1.0) < 1e-6 ? " (η not used?)"
                                         : "");
}

// The exponent p with which a first step scales when the gradient is multiplied by c (`moved`
// with the gradient, `scaled` with c times it), if some coordinate's exponent is more than 1e-3
// away from `expected`; NaN if every coordinate scales as expected.
inline double scale_exponent_off(const Vector& moved, const Vector& scaled, double c,
                                 double expected) {
  double worst_deviation = 0.0;  // over the coordinates, |measured exponent − expected|
  for (Index i = 0; i < moved.size(); ++i) {
    if (moved(i) != 0.0 && scaled(i) != 0.0) {
      const double measured = std::log(std::abs(scaled(i) / moved(i))) / std::log(c);
      worst_deviation = std::max(worst_deviation, std::abs(measured - expected));
    }
  }
  if (worst_deviation <= 1e-3) return std::nan("");
  return std::log(scaled.norm() / moved.norm()) / std::log(c);
}

// The finding of a step whose coordinates are not independent: `reversed_back` is the step with
// the coordinates in reverse order, reversed back, `forward` the step as given; "" if they agree.
// `what` says what was run, `own` what each coordinate must use.
inline std::string order_of_coordinates(const std::string& step, const std::string& what,
                                        const Vector& forward, const Vector& reversed_back,
                                        const std::string& own) {
  if (agree(reversed_back, forward, 1e-12)) return "";
  return step + " depends on the order of the coordinates: " + what + " in reverse order give " +
         format_vector(reversed_back) + " instead of " + format_vector(forward) +
         " (reversed back): each coordinate must use its own " + own + " (index i everywhere)";
}

// The finding of a momentum step whose other coordinates change when coordinate 0 comes to rest:
// `moving` is where the step lands with every coordinate moving, `resting` where it lands with
// coordinate 0's last displacement 0 and the others' the same; "" if coordinates 1, 2, ... agree.
// `term` names what the momentum adds ("the momentum term β(x_t − x_{t−1})").
inline std::string rest_in_one_coordinate(const std::string& step, const Vector& moving,
                                          const Vector& resting, const std::string& term) {
  const Index n = moving.size();
  if (n < 2 || resting.size() != n || agree(resting.tail(n - 1), moving.tail(n - 1), 1e-12))
    return "";
  return step + " moves the other coordinates differently when coordinate 0 is at rest: with " +
         "x_t = x_{t−1} in coordinate 0 only, coordinates 1 to " + std::to_string(n - 1) +
         " land on " + format_vector(resting.tail(n - 1), 6) + ", and on " +
         format_vector(moving.tail(n - 1), 6) +
         " when coordinate 0 moves too, their own displacements unchanged: is \"at rest\" "
         "tested on one coordinate (x(0) == x_previous(0)) and " +
         term +
         " skipped for the whole vector? Each coordinate's momentum uses its own displacement "
         "x_{t,i} − x_{t−1,i}, and at rest the formula gives 0 by itself: no case is needed";
}

// The finding of a first step `moved` that is −η·g on the coordinates with a small partial
// derivative and ±η·C on the others, for one C: the gradient clipped to [−C, C]; "" otherwise.
inline std::string clipped(const Vector& moved, const Vector& g, double eta) {
  double cap = 0.0, largest_kept = 0.0;  // C, and the largest |g_i| moved whole
  int capped = 0, kept = 0;
  for (Index i = 0; i < g.size(); ++i) {
    if (std::abs(moved(i) + eta * g(i)) <= 1e-12 * std::abs(eta * g(i))) {
      ++kept;
      largest_kept = std::max(largest_kept, std::abs(g(i)));
    } else if (moved(i) * g(i) < 0.0) {
      const double c = std::abs(moved(i)) / eta;
      if (!(c < std::abs(g(i))) || (capped > 0 && std::abs(c - cap) > 1e-12 * cap)) return "";
      cap = c;
      ++capped;
    } else {
      return "";
    }
  }
  if (capped == 0 || kept == 0 || largest_kept > cap) return "";
  return ": the coordinates whose partial derivative exceeds C = " + format_number(cap, 6) +
         " in size moved by η·C, the others by η·∂f/∂xᵢ: the gradient is clipped to [−C, C]; the "
         "step is −η∇f, all of it (a step too long is a matter of η, below 2/L)";
}

// The type of an exception as the program spells it ("std::out_of_range"), demangled.
inline std::string type_name(const std::exception& error) {
  int status = 0;
  char* name = abi::__cxa_demangle(typeid(error).name(), nullptr, nullptr, &status);
  std::string spelled = status == 0 && name != nullptr ? name : typeid(error).name();
  std::free(name);
  return spelled;
}

}  // namespace detail

/// The finding of a step counter t that reads `after_one` after one step from a fresh state and
/// `after_three` after three, in a teacher's words; "" when they are 1 and 3 (each step counted
/// once). `n` is the number of coordinates the steps had (a count per coordinate shows as n).
inline std::string counter_finding(long after_one, long after_three, long n = 1) {
  if (after_one == 1 && after_three == 3) return "";
  std::string why = "the step counter t is " + std::to_string(after_one) + " after one step and " +
                    std::to_string(after_three) + " after three; expected 1 and 3";
  const long per_step = (after_three - after_one) / 2;
  if (after_three == after_one) {
    why += after_one == 1 ? ": t is set to 1, not counted; count every step, ++state.t"
                          : ": t is never incremented (or incremented in a copy of the state, or "
                            "assigned back, state.t = state.t++); count every step, ++state.t";
  } else if (after_one == 0 && after_three == 2) {
    why += ": t is incremented after it is used; the first step is t = 1";
  } else if (per_step > 1 && after_one == per_step && after_three == 3 * per_step) {
    why += ": t grows by " + std::to_string(per_step) + " in each step, counted " +
           (per_step == 2 ? std::string("twice") : std::to_string(per_step) + " times") +
           " per step (" +
           (per_step == n && n > 1 ? "once per coordinate: count it once, outside the loop"
                                   : "is ++state.t written in two places, or also in a helper "
                                     "that the step calls?") +
           ")";
  } else {
    why += ": increment t once per step, before it is used";
  }
  return why;
}

/// How a probed call that threw ended: what a teacher calls it ("threw std::invalid_argument",
/// "never stopped") and the exception's message; both empty if it returned.
struct Thrown {
  std::string kind;
  std::string message;
};

/// Runs `call` and records how it threw. workbook::not_implemented passes through (a stub fails
/// as a stub); `Endless`, the probe's own signal that the call would never stop, is recorded as
/// "never stopped" with `endless_message`; any other exception by its kind and message.
template <class Endless, class Call>
Thrown call_recording(Call call, const std::string& endless_message) {
  try {
    call();
  } catch (const not_implemented&) {
    throw;
  } catch (const Endless&) {
    return {"never stopped", endless_message};
  } catch (const std::invalid_argument& error) {
    return {"threw std::invalid_argument", error.what()};
  } catch (const std::runtime_error& error) {
    return {"threw std::runtime_error", error.what()};
  } catch (const std::logic_error& error) {
    // std::out_of_range, std::domain_error, …: named, with the family that says what it means.
    return {"threw " + detail::type_name(error) +
                " (a std::logic_error: a mistake in the caller's "
                "program)",
            error.what()};
  } catch (const std::exception& error) {
    return {"threw " + detail::type_name(error), error.what()};
  } catch (const std::exception* error) {
    // `throw new std::invalid_argument(…)`: a pointer, which no catch by type sees; the catch
    // owns what it points to.
    const std::unique_ptr<const std::exception> owned(error);
    return {"threw a pointer to " + detail::type_name(*error) +
                " (throw new …), which no catch (const std::invalid_argument&) sees: throw the "
                "exception itself, throw std::invalid_argument(…)",
            error->what()};
  }
  return {};
}

/// The finding of a call that wrote into its hyper-parameters, a const input (through a
/// const_cast): `passed` is the copy the call was given, compared field by field with `given`;
/// "" if every field came back unchanged. `who` names the call.
template <class Params>
std::string changed_params(const Params& given, const Params& passed, const std::string& who) {
  const std::vector<std::string> changed = Params::fields().changed(given, passed);
  if (changed.empty()) return "";
  std::string fields;
  for (const std::string& one : changed) fields += (fields.empty() ? "" : "; ") + one;
  return who + " changed its const input, the hyper-parameters (" + fields +
         "): read params, never write them; the caller's settings must be the same at every call "
         "(a schedule or a decay is computed in a local variable)";
}

/// changed_params() of one step from a fresh state: "" if the step leaves its hyper-parameters
/// as they were. Asked before the other probes, which call the step many times with one `params`.
template <class Params, class State>
std::string written_params(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                           const Params& params, const std::string& step) {
  Vector x{{1.0, -2.0, 3.0}};
  Params passed = params;
  State state = start_state<State>(x, params);
  kernel(x, Vector{{0.3, -2.0, 5.0}}, state, passed);
  return changed_params(params, passed, step);
}

/// The finding of a step that writes into its gradient or its hyper-parameters, const inputs
/// (through a const_cast, or a reference that aliases them): written_params() asks the
/// hyper-parameters first, on a copy, then after one step from a fresh state the gradient is
/// compared bit for bit with what it was; "" if both come back unchanged. `step` names the step.
template <class Params, class State>
std::string changed_const_input(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                const Params& params, const std::string& step) {
  if (std::string written = written_params(kernel, params, step); !written.empty()) return written;
  const Vector x0{{1.0, -2.0, 3.0}};
  const Vector g{{0.3, -2.0, 5.0}};
  Vector x = x0;
  Vector passed = g;
  State state = start_state<State>(x, params);
  kernel(x, passed, state, params);
  if (!detail::same_bits(passed, g)) {
    return step + " changed its const input, the gradient (" + format_vector(g) + " became " +
           format_vector(passed) +
           "): work on a copy, or on the state, never on the gradient; a caller that reuses its "
           "gradient gets a wrong one on the next step";
  }
  return "";
}

/// How `call()` allocates on the heap: "" if it does not; "a container" if through operator new
/// (a std::vector, a std::string, a std::function: allocations.hpp counts them); "Eigen" if
/// through Eigen (a temporary Vector or Matrix: Eigen's allocations are forbidden for its length,
/// EIGEN_RUNTIME_NO_MALLOC, eigen_checks.hpp). Eigen's are not measured in a build without its
/// checks (NDEBUG). An exception other than Eigen's refusal is passed on.
template <class Call>
std::string allocation_by(Call call) {
  const long before = heap_allocations();
#ifdef EIGEN_RUNTIME_NO_MALLOC
  struct Allowed {
    ~Allowed() { Eigen::internal::set_is_malloc_allowed(true); }
  } allowed_again;
  Eigen::internal::set_is_malloc_allowed(false);
  try {
    call();
  } catch (const eigen_check_failed& failed) {
    if (failed.check.find("heap allocation is forbidden") == std::string::npos) throw;
    return "Eigen";
  }
#else
  call();
#endif
  return heap_allocations() > before ? "a container" : "";
}

/// Whether `call()` allocates on the heap through Eigen (a temporary Vector or Matrix): Eigen's
/// allocations are forbidden for its length (EIGEN_RUNTIME_NO_MALLOC, eigen_checks.hpp). Empty
/// in a build without Eigen's checks (NDEBUG), where it cannot be measured. An exception other
/// than Eigen's refusal is passed on.
template <class Call>
std::optional<bool> allocates(Call call) {
#ifdef EIGEN_RUNTIME_NO_MALLOC
  return allocation_by(call) == "Eigen";
#else
  static_cast<void>(call);
  return std::nullopt;
#endif
}

/// The finding of a step that makes a temporary vector (§5.9: one loop over the coordinates that
/// reads and writes each vector once, and no temporary): its third step from a started state,
/// measured with allocation_by(); "" when it makes none, or where that cannot be measured. `step`
/// names the step.
template <class Params, class State>
std::string makes_a_temporary(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                              const Params& params, const std::string& step) {
  Vector x{{1.0, -2.0, 3.0}};
  const Vector g{{0.3, -2.0, 5.0}};
  State state = start_state<State>(x, params);
  for (int k = 0; k < 2; ++k)
    kernel(x, g, state, params);  // a state set up on the way may allocate
  const std::string by = allocation_by([&] { kernel(x, g, state, params); });
  if (by.empty()) return "";
  return step + " made a temporary vector: " +
         (by == "Eigen" ? "Eigen allocated memory inside the step (a Vector built from an "
                          "expression, such as g = ∇f + λθ computed for the whole vector first)"
                        : "memory was allocated on the heap inside the step (a std::vector, or "
                          "another container, made on every call)") +
         "; §5.9: each step is one loop over the coordinates that reads and writes every vector "
         "once, with no temporary vector: compute each coordinate's value inside the loop";
}

/// The finding of a step whose loop over the coordinates ends at a zero gradient (a `break` where
/// a `continue` was meant, to skip a coordinate with nothing to do): with ∂₀f = 0 and the other
/// partial derivatives as before, the coordinates after 0 do not move at all, while they move
/// when ∂₀f ≠ 0; "" otherwise. `step` names the step.
template <class Params, class State>
std::string stopped_by_a_zero_gradient(void (*kernel)(Vector&, const Vector&, State&,
                                                      const Params&),
                                       const Params& params, const std::string& step) {
  const Vector x0{{1.0, -2.0, 3.0}};
  const Vector g0{{0.3, -2.0, 5.0}};
  Vector first_zero = g0;
  first_zero(0) = 0.0;
  auto fresh_step = [&](const Vector& gradient) {
    Vector x = x0;
    const Vector g = gradient;
    State state = start_state<State>(x, params);
    kernel(x, g, state, params);
    return Vector(x - x0);
  };
  const Vector moved = fresh_step(g0), without = fresh_step(first_zero);
  const Index rest = moved.size() - 1;
  if (!detail::finite(moved) || !detail::finite(without) ||
      (moved.tail(rest).array() == 0.0).any() || !without.tail(rest).isZero(0.0))
    return "";
  // Every coordinate moved alike, by coordinate 0's step: an index stuck at 0, which a zero ∂₀f
  // stops as well; said by the probe of one number for every coordinate.
  if (((moved.array() - moved(0)).abs() <= 1e-9 * std::abs(moved(0))).all()) return "";
  return step + " moved coordinates 1 to " + std::to_string(rest) + " by " +
         format_vector(moved.tail(rest), 4) + " with the gradient " + format_vector(g0) +
         ", and not at all when only coordinate 0's gradient is 0, " + format_vector(first_zero) +
         ": a zero gradient ends the step for every coordinate after it; is the loop over the "
         "coordinates left with `break` where `continue` (skip this coordinate only) was meant?";
}

/// The finding of a step that remembers something outside its state (a static or a global
/// variable): the same x, gradient, fresh state and hyper-parameters, before and after other
/// calls of the step, give different results; "" if they give the same. `step` names the step.
template <class Params, class State>
std::string hidden_memory(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                          const Params& params, const std::string& step) {
  const Vector x0{{1.0, -2.0, 3.0}};
  const Vector g0{{0.3, -2.0, 5.0}};
  // Each call gets a gradient of its own: a step that writes into its const gradient is said by
  // the const-input probe, not taken for one that remembers.
  auto fresh_step = [&] {
    Vector x = x0;
    const Vector g = g0;
    State state = start_state<State>(x, params);
    kernel(x, g, state, params);
    return Vector(x - x0);
  };
  const Vector first = fresh_step();
  {  // other calls in between, on a state of their own
    Vector x{{0.5, 4.0, -1.0}};
    State state = start_state<State>(x, params);
    for (int k = 0; k < 3; ++k) kernel(x, Vector{{-1.0, 0.25, 2.0}}, state, params);
  }
  const Vector again = fresh_step();
  if (detail::same_bits(first, again) || !(first.allFinite() || again.allFinite())) return "";
  return step + " gave two results for the same x, gradient, fresh state and hyper-parameters: " +
         "it moved x by " + format_vector(first, 6) + ", then, after three other calls, by " +
         format_vector(again, 6) +
         ": the step remembers something outside its state, a static or a global variable? "
         "Everything a step carries from one call to the next lives in `state`, which a new run "
         "starts afresh";
}

/// The finding of a step that never writes one of its state vectors: after a first step from a
/// fresh state with a nonzero gradient, a vector of `shape` that started at 0 is still 0 while
/// the step moved x (a reference bound to another vector, Vector& s = state.m, or a copy whose
/// new value is never stored); "" if every vector was written. `shape.vectors` names them.
template <class Params, class State>
std::string unwritten_state(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                            const Params& params, const StepShape<State>& shape) {
  if (!shape.vectors) return "";
  const Vector x0{{1.0, -2.0, 3.0}};
  const Vector g0{{0.3, -2.0, 5.0}};
  Vector x = x0;
  State state = start_state<State>(x, params);
  std::vector<std::string> zero_at_start;
  for (const auto& [name, vector] : shape.vectors(state)) {
    if (vector != nullptr && vector->size() == x0.size() && vector->isZero(0.0))
      zero_at_start.push_back(name);
  }
  kernel(x, g0, state, params);
  if (x == x0) return "";  // said by the other probes
  std::string unwritten, written;
  for (const auto& [name, vector] : shape.vectors(state)) {
    if (std::find(zero_at_start.begin(), zero_at_start.end(), name) == zero_at_start.end())
      continue;
    if (vector->isZero(0.0)) {
      unwritten += (unwritten.empty() ? "" : " and ") + name;
    } else {
      written += (written.empty() ? "" : ", ") + name + " = " + format_vector(*vector, 4);
    }
  }
  if (unwritten.empty()) return "";
  // A line that is written but gives 0 from 0 (a minimum where a maximum belongs, a product with
  // the old value) is told apart from one never written: the same first step from a state whose
  // vector starts at 0.5 changes it. (The pointers from shape.vectors point into `prefilled`,
  // which is not const.)
  for (const auto& [name, vector] : shape.vectors(state)) {
    if (name != unwritten) continue;
    Vector y = x0;
    State prefilled = start_state<State>(y, params);
    Vector* filled = nullptr;
    for (const auto& [other, pointer] : shape.vectors(prefilled)) {
      if (other == name) filled = const_cast<Vector*>(pointer);
    }
    if (filled == nullptr || filled->size() != x0.size()) break;
    filled->setConstant(0.5);
    kernel(y, g0, prefilled, params);
    if (filled->size() != x0.size() || *filled == Vector::Constant(x0.size(), 0.5)) break;
    std::string became = format_vector(*filled, 4);
    std::string cause =
        "a line that gives 0 whenever its old value is 0: the old value multiplying the new "
        "term, or a minimum where the notes take a maximum?";
    for (const auto& [other, pointer] : shape.vectors(state)) {
      if (other != name && pointer != nullptr && pointer->size() == x0.size() &&
          filled->isApprox(*pointer, 1e-12) && (pointer->array() < 0.5).all()) {
        became += ", the " + other + " of the fresh step";
        cause = "it keeps the smaller of " + name + " and " + other +
                ": a comparison reversed, a minimum where the notes take the maximum?";
      }
    }
    return shape.name + " writes " + name + ", but its line gives 0 from 0: after a first step " +
           "with g = " + format_vector(g0) + " from a fresh state " + name + " is still 0" +
           (written.empty() ? "" : " while " + written) + ", and from " + name +
           " = 0.5 in every coordinate the same step made it " + became + ": " + cause;
  }
  // Written from the second step on: the first step special-cased.
  for (const auto& [name, vector] : shape.vectors(state)) {
    if (name != unwritten) continue;
    // The other vectors as the first step left them: a line that reads one of them before that
    // one's own line has run gets the step before's value, and lags a step behind.
    std::vector<std::pair<std::string, Vector>> before_second;
    for (const auto& [other, pointer] : shape.vectors(state)) {
      if (other != name && pointer != nullptr && pointer->size() == x0.size())
        before_second.emplace_back(other, *pointer);
    }
    kernel(x, g0, state, params);
    if (vector->size() != x0.size() || vector->isZero(0.0)) break;
    const std::string wrote = shape.name + " wrote " + name +
                              " at its second step but not at its first: after a first step "
                              "with g = " +
                              format_vector(g0) + " from a fresh state " + name +
                              " was still 0, after a second one it is " + format_vector(*vector, 4);
    for (const auto& [other, old_value] : before_second) {
      if (!old_value.isZero(0.0) && vector->isApprox(old_value, 1e-12)) {
        return wrote + ", the " + other + " of the first step: " + name + " is written from " +
               other + " before " + other + "'s own line has updated it, so it lags a step " +
               "behind (0 at t = 1, from the fresh state's " + other + "). Write " + other +
               " first, then " + name + " from the new " + other;
      }
    }
    return wrote +
           ". Is the first step (t = 1) special-cased, as if there were nothing to compare or "
           "average with yet? Every line runs at every step, the first included: from the "
           "fresh state's zeros it gives its first value";
  }
  return shape.name + " never wrote " + unwritten +
         ": after a first step with g = " + format_vector(g0) +
         " from a fresh state it is still 0" + (written.empty() ? "" : ", while " + written) +
         ". Is it a reference bound to another state vector (Vector& s = state.m, a line copied "
         "from the one above), a copy (Vector s = state.s) whose new value is never stored, or "
         "a value computed and dropped (std::max(a, b) returns the larger, it does not assign "
         "it)? Each state vector is written by its own line and kept in the state";
}

/// Runs the probes on `kernel` with the hyper-parameters `params` (with learning_rate): returns
/// one sentence per property that the step breaks, empty if it keeps them all. Exceptions from the
/// kernel (a stub's "not implemented yet") pass through.
template <class Params, class State>
std::vector<std::string> probe_step(void (*kernel)(Vector&, const Vector&, State&, const Params&),
                                    const Params& params, const StepShape<State>& shape) {
  std::vector<std::string> findings;
  const Vector x0{{1.0, -2.0, 3.0}};
  const Vector g0{{0.3, -2.0, 5.0}};
  const std::string step = shape.name;
  // Hyper-parameters written into, or a memory outside the state, give every other probe a
  // moving target.
  if (std::string written = written_params(kernel, params, step); !written.empty())
    return {written};
  if (std::string hidden = hidden_memory(kernel, params, step); !hidden.empty()) return {hidden};
  // Coordinates the loop never reaches: every probe below would see a step that is half right.
  if (std::string left = unstepped_coordinates(kernel, params, step); !left.empty()) return {left};

  // One fresh step from x0 with gradient g and these parameters: the displacement.
  auto first_step = [&](const Vector& x_start, const Vector& g, const Params& p) {
    Vector x = x_start;
    State state = start_state<State>(x, p);
    kernel(x, g, state, p);
    return Vector(x - x_start);
  };

  // A state vector that reset() leaves empty for these options is one the step does not use: it
  // stays empty (RMSProp's b without momentum, ḡ when not centred, Adam's v_max without amsgrad).
  if (shape.vectors) {
    Vector x = x0;
    State state = start_state<State>(x, params);
    std::vector<std::string> empty_before;
    for (const auto& [name, vector] : shape.vectors(state)) {
      if (vector->size() == 0) empty_before.push_back(name);
    }
    kernel(x, g0, state, params);
    for (const auto& [name, vector] : shape.vectors(state)) {
      if (vector->size() == 0 ||
          std::find(empty_before.begin(), empty_before.end(), name) == empty_before.end())
        continue;
      findings.push_back(step + " filled " + name + " (" + std::to_string(vector->size()) +
                         " entries), which reset() leaves empty for these options: a buffer the "
                         "options do not use stays empty, as the stub says; is it sized or "
                         "zero-filled on every call, whatever the options?");
    }
  }

  // The gradient and the hyper-parameters are const inputs: they must come back bit for bit.
  if (std::string changed = changed_const_input(kernel, params, step); !changed.empty())
    findings.push_back(changed);
  if (std::string stopped = stopped_by_a_zero_gradient(kernel, params, step); !stopped.empty())
    findings.push_back(stopped);

  // A zero gradient is a stationary point: no step moves x there (without weight decay).
  {
    bool decays = false;
    if constexpr (requires { params.weight_decay; }) decays = params.weight_decay != 0.0;
    Vector x = x0;
    State state = start_state<State>(x, params);
    kernel(x, Vector::Zero(x0.size()), state, params);
    const Vector moved = x - x0;
    if (!decays && detail::finite(x) && !moved.isZero(0.0)) {
      const double c = moved.dot(x0) / x0.squaredNorm();
      std::string why = step + " moved x where the gradient is 0, from " + format_vector(x0) +
                        " to " + format_vector(x, 6) +
                        ": where ∇f = 0 the method has arrived, and the step must be 0";
      if (moved.cwiseAbs().maxCoeff() <= 8e-16 * x0.cwiseAbs().maxCoeff()) {
        why += "; it moved x by rounding only (by " + format_vector(moved, 2) +
               "): is x computed afresh as a combination that rounds, such as the heavy ball "
               "written (1 + β)x_t − βx_{t−1} − η∇f, instead of x plus its update? At rest, "
               "x_t + β(x_t − x_{t−1}) − η∇f adds exactly 0 and leaves x bit for bit (and does "
               "not overflow where (1 + β)x_t would)";
      } else if ((moved - c * x0).norm() <= 1e-12 * x0.norm()) {
        why += "; it multiplied x by " + format_number(1.0 + c, 6) +
               (agrees(-c, params.learning_rate, 1e-12) ? " = 1 − η" : "") +
               ", a shrink of x itself, as weight decay does: is x's coefficient 1 − η instead "
               "of 1, as if the step were an average of x and −∇f?";
      }
      findings.push_back(why);
    }
  }

  // NaN or infinity: where it first appears, and from what.
  {
    Vector x = x0;
    State state = start_state<State>(x, params);
    for (int t = 1; t <= 5; ++t) {
      kernel(x, g0 * (t % 2 == 0 ? 0.5 : 1.0), state, params);
      std::string where;
      if (!detail::finite(x)) where = "x";
      if (shape.vectors) {
        for (const auto& [name, vector] : shape.vectors(state)) {
          if (vector != nullptr && !detail::finite(*vector))
            where += (where.empty() ? "" : ", ") + name;
        }
      }
      if (!where.empty()) {
        std::string why = step + " produced NaN or infinity in " + where + " at step " +
                          std::to_string(t) + " with finite gradients";
        if (t == 1) {
          // Without the corrections the same step finite: a correction negative or 0 at t = 1.
          std::string corrections;
          if constexpr (requires { params.bias_correction; }) {
            Params uncorrected = params;
            uncorrected.bias_correction = false;
            Vector y = x0;
            State other = start_state<State>(y, uncorrected);
            kernel(y, g0, other, uncorrected);
            if (params.bias_correction && detail::finite(y)) {
              corrections =
                  ": with bias_correction = false the same step is finite, so the corrections "
                  "make the NaN: at t = 1 they are 1 − β₁ and 1 − β₂, small and positive; is one "
                  "negative, β₂ᵗ − 1 (std::expm1(t·log β₂) is β₂ᵗ − 1, and 1 − β₂ᵗ is "
                  "−std::expm1(t·log β₂)) or 1 − (1 + β₂)ᵗ (std::log1p(β₂) is log(1 + β₂), not "
                  "log β₂), or 0, a power of t − 1?";
            }
          }
          if (!corrections.empty()) {
            why += corrections;
          } else if (!shape.first_step_nan.empty()) {
            why += ": " + shape.first_step_nan;
          }
        } else {
          std::string powers;
          if constexpr (requires { params.betas; }) {
            // βᵗ read as β·t: 1 − β·t ≤ 0 from t = 2 on for the usual β, but stays positive up to
            // t = 4 for β = (0.1, 0.2), where the same run is then finite.
            const auto [beta1, beta2] = params.betas;
            const double one_minus = std::min(1.0 - beta1 * t, 1.0 - beta2 * t);
            Params small = params;
            small.betas = {0.1, 0.2};
            Vector y = x0;
            State other = start_state<State>(y, small);
            for (int k = 1; k <= t; ++k) kernel(y, g0 * (k % 2 == 0 ? 0.5 : 1.0), other, small);
            if (one_minus <= 0.0 && detail::finite(y)) {
              powers = ": with β₁ = " + format_number(beta1) + " and β₂ = " + format_number(beta2) +
                       ", 1 − β·t is " + format_number(one_minus, 4) +
                       " at t = " + std::to_string(t) +
                       ", while with β = (0.1, 0.2) the same steps stay finite: is βᵗ written "
                       "β·t? The bias corrections are 1 − β₁ᵗ and 1 − β₂ᵗ, powers, which stay "
                       "in (0, 1)";
            }
          }
          why += !powers.empty() ? powers
                                 : ": a division by a quantity that can be 0 (a square root "
                                   "without ε, a correction with the wrong t?)";
        }
        findings.push_back(why);
        break;
      }
    }
  }

  // x = 0 in one coordinate is a valid point (the minimiser of many f): a step that is finite
  // from x0 and NaN or infinite only where x is 0 divides by x somewhere.
  if (detail::finite(first_step(x0, g0, params))) {
    const Vector at_zero{{1.0, 0.0, 3.0}};
    const Vector moved = first_step(at_zero, g0, params);
    if (std::isfinite(moved(0)) && !std::isfinite(moved(1)) && std::isfinite(moved(2))) {
      findings.push_back(
          "from x = " + format_vector(at_zero) + " with ∇f = " + format_vector(g0) + " " + step +
          " gave " + format_vector(Vector(at_zero + moved)) +
          ": NaN or infinity in coordinate 1 only, the one where x is 0, while from x = " +
          format_vector(x0) +
          " every coordinate is finite: is the step divided by xᵢ somewhere, such as x "
          "multiplied by a factor 1 − η∂ᵢf/xᵢ? x = 0 is a valid point, often the minimiser "
          "itself; the step adds its update to x and never divides by it");
    }
  }

  // The step counter: 1 after the first step, t after t steps.
  if (shape.counter) {
    const auto counts = [&](const Params& p) {
      Vector x = x0;
      State state = start_state<State>(x, p);
      kernel(x, g0, state, p);
      const long after_one = shape.counter(state);
      kernel(x, g0, state, p);
      kernel(x, g0, state, p);
      return std::pair{after_one, shape.counter(state)};
    };
    const auto [after_one, after_three] = counts(params);
    std::string why = counter_finding(after_one, after_three, x0.size());
    // Not counted here, but counted with a learning-rate decay on: the count made conditional.
    if constexpr (requires { params.lr_decay; }) {
      Params decaying = params;
      decaying.lr_decay = 0.1;
      if (!why.empty() && after_one == after_three && params.lr_decay == 0.0 &&
          counts(decaying) == std::pair{1L, 3L}) {
        why = "the step counter t stays " + std::to_string(after_one) +
              " with lr_decay = 0 and counts 1, 2, 3 with lr_decay = 0.1: t is counted only "
              "when the decay reads it; the count is the step's own, every step, whatever the "
              "settings (++state.t first)";
      }
    }
    if (!why.empty()) findings.push_back(why);
  }

  const Vector moved = first_step(x0, g0, params);
  if (!detail::finite(moved)) return findings;  // named above

  // A step without memory (no state vectors) moves the same at every t: the fifth step from x0
  // with g0 is the first one.
  if (!shape.vectors && !moved.isZero(0.0)) {
    Vector x = x0;
    State state = start_state<State>(x, params);
    for (int t = 1; t <= 4; ++t) kernel(x, g0, state, params);
    x = x0;
    kernel(x, g0, state, params);
    const Vector fifth = x - x0;
    if (detail::finite(fifth) && !detail::agree(fifth, moved, 1e-12)) {
      const double c = fifth.dot(moved) / moved.squaredNorm();
      std::string why = "the same x, gradient and η moved x by " + format_vector(moved, 6) +
                        " at step 1 and by " + format_vector(fifth, 6) + " at step 5";
      const bool parallel = (fifth - c * moved).norm() <= 1e-12 * moved.norm();
      const std::string factor = parallel ? as_product(c, {{"t", 5.0}, {"t + 1", 6.0}}) : "";
      if (!factor.empty()) why += ", " + factor + " times as far";
      why += ": " + step +
             " keeps no state but t, so the same x and gradient give the same step at every t; "
             "a step size that changes with t is a schedule, which the driver hands the step as "
             "η (Chapter 2), not something the step computes";
      findings.push_back(why);
    }
  }

  // Every coordinate moves, and against its gradient.
  if (moved.isZero(0.0)) {
    findings.push_back(step +
                       " did not move x at all on its first step: is θ updated with a state "
                       "from before this step's update (zero at the first step), or the new "
                       "value not written back into x?");
  }
  if (g0.array().minCoeff() < 0.0 && moved.isApprox(-params.learning_rate * g0.cwiseAbs(), 1e-12)) {
    findings.push_back(step +
                       " moved every coordinate by −η·|∂ᵢf|, down whatever the sign of its "
                       "partial derivative: the gradient's magnitude is used and its sign "
                       "dropped (an abs somewhere); the step is −η∇f, sign included");
  }
  // Only the coordinate with the largest |∂ᵢf| moved: coordinate descent, said alone (it explains
  // the coordinates left where they were and the step that depends on the others' gradients).
  {
    Index steepest = 0;
    g0.cwiseAbs().maxCoeff(&steepest);
    Index moving = 0;
    for (Index i = 0; i < moved.size(); ++i) moving += moved(i) != 0.0 ? 1 : 0;
    if (moving == 1 && moved.size() > 1 && moved(steepest) != 0.0) {
      findings.push_back(
          step + " moved only coordinate " + std::to_string(steepest) +
          ", the one with the largest |∂ᵢf| (" + format_number(g0(steepest)) + " of " +
          format_vector(g0) +
          "), and left the others where they were: that is coordinate descent along the "
          "steepest coordinate" +
          (shape.scale_exponent == 1.0
               ? "; the direction of steepest descent is −∇f itself (§1.1: among directions "
                 "of a given length, ξᵀ∇f is most negative along −∇f), so every coordinate "
                 "moves"
               : "; every coordinate takes its own step, all of them at once"));
      return findings;
    }
  }
  // Every coordinate moved by the same amount although the partial derivatives differ in sign:
  // one number, computed from the whole gradient, applied to every coordinate (said alone: it
  // explains the coordinates that moved uphill and the steps that depend on the others').
  if (moved.size() > 1 && moved(0) != 0.0 &&
      ((moved.array() - moved(0)).abs() <= 1e-9 * std::abs(moved(0))).all() &&
      g0.minCoeff() < 0.0 && g0.maxCoeff() > 0.0) {
    const double eta = params.learning_rate, n = double(moved.size());
    std::string which = "one number computed from the whole gradient";
    if (agrees(moved(0), -eta * g0(0), 1e-9)) {
      which =
          "−η·∂₀f, coordinate 0's own step (is the index stuck at 0: a counter never "
          "incremented, or g(0) where the loop's i belongs?)";
    } else if (agrees(moved(0), -eta * g0.sum(), 1e-9)) {
      which =
          "−η·Σᵢ∂ᵢf = " + format_number(-eta * g0.sum()) + ", the sum of the partial derivatives";
    } else if (agrees(moved(0), -eta * g0.sum() / n, 1e-9)) {
      which = "−η times the mean of the partial derivatives, " + format_number(-eta * g0.sum() / n);
    } else if (agrees(std::abs(moved(0)), eta * g0.norm(), 1e-9) ||
               agrees(std::abs(moved(0)), eta * g0.squaredNorm(), 1e-9)) {
      which = "a multiple of η and the gradient's norm";
    }
    findings.push_back(step + " moved every coordinate by the same amount, " +
                       format_number(moved(0)) + ", with the gradient " + format_vector(g0) +
                       ", whose partial derivatives differ in sign: that is " + which +
                       ", applied to every coordinate; coordinate i moves by its own partial "
                       "derivative ∂ᵢf (§1.1: the step is the vector −η∇f, one entry per "
                       "coordinate)");
    return findings;
  }
  // Every other coordinate left where it was (the odd ones, while the even ones moved): the index
  // advanced twice per pass.
  bool every_other = moved.size() >= 3;
  for (Index i = 0; i < moved.size() && every_other; ++i) {
    every_other = (i % 2 == 1) == (moved(i) == 0.0 && g0(i) != 0.0);
  }
  if (every_other) {
    std::string odd;
    for (Index i = 1; i < moved.size(); i += 2)
      odd += (odd.empty() ? "" : ", ") + std::to_string(i);
    const bool several = moved.size() > 3;
    findings.push_back(step + " left coordinate" + (several ? "s " : " ") + odd + " of " +
                       std::to_string(moved.size()) +
                       (several ? " where they were" : " where it was") + ", although " +
                       (several ? "their gradients are" : "its gradient is") +
                       " not 0, and moved every other one: every other coordinate is skipped; is "
                       "the index advanced twice per pass (++i in the for loop's header and again "
                       "in its body)?");
  }
  for (Index i = 0; i < moved.size() && !moved.isZero(0.0) && !every_other; ++i) {
    if (moved(i) == 0.0) {
      findings.push_back(step + " left coordinate " + std::to_string(i) + " of " +
                         std::to_string(moved.size()) + " where it was although its gradient is " +
                         format_number(g0(i)) +
                         ": does the loop visit every coordinate (i < x.size())?");
    } else if (moved(i) * g0(i) > 0.0) {
      findings.push_back(step + " moved coordinate " + std::to_string(i) +
                         " uphill, along its gradient " + format_number(g0(i)) + " (by " +
                         format_number(moved(i)) + "): the step subtracts, θ ← θ − η·(...)");
    }
  }

  // The coordinates are independent: reversing their order reverses the step.
  {
    const Vector reversed = first_step(x0.reverse(), g0.reverse(), params);
    const std::string why = detail::order_of_coordinates(step, "the same gradients", moved,
                                                         reversed.reverse(), "g, m, v");
    if (!why.empty()) findings.push_back(why);
  }

  // A momentum step: coordinate 0 at rest does not change the other coordinates' steps.
  if constexpr (requires(State s) { s.x_previous; }) {
    const auto landed = [&](const Vector& displacement) {
      Vector x = x0;
      State state = start_state<State>(x, params);
      state.x_previous = x0 - displacement;
      kernel(x, g0, state, params);
      return x;
    };
    const std::string why = detail::rest_in_one_coordinate(step, landed(Vector{{0.1, 0.2, -0.3}}),
                                                           landed(Vector{{0.0, 0.2, -0.3}}),
                                                           "the momentum term β(x_t − x_{t−1})");
    if (!why.empty()) findings.push_back(why);
  }

  // A step proportional to the gradient starts as −η·g: right to a float's precision only means
  // a value held in a float.
  if (shape.scale_exponent == 1.0) {
    const Vector plain = -params.learning_rate * g0;
    std::string precision;
    bool close_to_float = true;
    for (Index i = 0; i < moved.size(); ++i) {
      close_to_float = close_to_float && agrees(moved(i), plain(i), 1e-5);
      if (precision.empty()) precision = float_precision(moved(i), plain(i));
    }
    if (close_to_float && !precision.empty()) {
      findings.push_back(step + "'s first step, −η·∇f, is " + precision);
    } else if (!close_to_float && plain.norm() > 0.0) {
      // Parallel to −η∇f but scaled: name the factor.
      const double c = moved.dot(plain) / plain.squaredNorm();
      if ((moved - c * plain).norm() <= 1e-12 * moved.norm() && c > 0.0) {
        const double n = double(moved.size());
        std::string why = step + "'s first step is " + format_number(c, 4) + " times −η·∇f";
        if (agrees(c, 1.0 / n, 1e-9)) {
          why += ": divided by n = " + format_number(n) +
                 ", the number of coordinates; ∇f is already the gradient of f, nothing to "
                 "average";
        } else if (agrees(c, 1.0 / g0.norm(), 1e-9)) {
          why += ": divided by ‖∇f‖ = " + format_number(g0.norm(), 4) +
                 ", the gradient normalised to unit length, so that every step has length η; "
                 "the step is −η∇f, whose length follows the slope";
        } else if (agrees(c, 1.0 / g0.squaredNorm(), 1e-9)) {
          // The cause of what the later probes would see (coordinates coupled through ‖∇f‖², a
          // step that shrinks like 1/c): said alone.
          findings.push_back(
              why + ": divided by ‖∇f‖² = " + format_number(g0.squaredNorm(), 4) +
              ", a step −η∇f/‖∇f‖² along which f's first-order model falls by η exactly, "
              "whatever the slope; η is the step size, not the decrease: the step is −η∇f, and "
              "f falls by about η‖∇f‖² along it (§1.2)");
          return findings;
        } else if (agrees(c, g0.norm(), 1e-9) || agrees(c, g0.squaredNorm(), 1e-9)) {
          // The cause of what the later probes would see (a coordinate moved by the others'
          // gradients, a step that scales like c² or c³): said alone.
          const bool squared = !agrees(c, g0.norm(), 1e-9);
          findings.push_back(why + ": multiplied by " + (squared ? "‖∇f‖² = " : "‖∇f‖ = ") +
                             format_number(c, 4) +
                             ", so that each coordinate's step depends on every gradient and "
                             "grows faster than the slope; η‖∇f‖² is the first-order decrease "
                             "of f along the step (§1.2), not the step: the step is −η∇f itself");
          return findings;
        } else {
          // A factor that falls with η: with 2η the step is 2·c(2η)/c(η) as long. c = 1 − kη
          // (the descent lemma's 1 − Lη/2) is named with its k.
          Params doubled = params;
          doubled.learning_rate *= 2.0;
          const Vector twice = first_step(x0, g0, doubled);
          const double c2 = twice.dot(plain) / (2.0 * plain.squaredNorm());
          const double k = (c - c2) / params.learning_rate;  // c(η) − c(2η) = kη
          if (detail::finite(twice) && k > 0.0 && agrees(c, 1.0 - k * params.learning_rate, 1e-9)) {
            findings.push_back(
                why + ", and " + format_number(c2, 4) + " times −2η·∇f with 2η: the step is " +
                "−η(1 − " + format_number(k, 4) + "·η)∇f" +
                (agrees(k, 0.5, 1e-9)
                     ? ", the descent lemma's factor η(1 − Lη/2) with L = 1 (§1.3)"
                     : ", a factor 1 − kη such as the descent lemma's 1 − Lη/2 (§1.3)") +
                ": that factor bounds how much f falls along the step, f(x − η∇f) ≤ f(x) − "
                "η(1 − Lη/2)‖∇f‖²; the step itself is −η∇f");
            return findings;
          }
          const std::string product = as_product(c, {{"η", params.learning_rate}, {"n", n}});
          if (!product.empty()) why += ", a factor " + product;
        }
        findings.push_back(why);
      }
    }
  }

  // A long step is a step: with the gradient 100 and 1000 times as large, a step proportional to
  // it is 100 and 1000 times as long. One that keeps −∇f's direction but the same length R is cut
  // to length R (clipped by its norm): said alone, it explains the coordinates that move with the
  // others' gradients and the step that does not scale.
  if (shape.scale_exponent == 1.0 && detail::agree(moved, -params.learning_rate * g0, 1e-12)) {
    const Vector longer = first_step(x0, 100.0 * g0, params);
    const Vector longest = first_step(x0, 1000.0 * g0, params);
    const double R = longer.norm();
    const double along = -longer.dot(g0) / (R * g0.norm());
    if (detail::finite(longest) && R > 0.0 && R < 99.0 * moved.norm() && along > 1.0 - 1e-12 &&
        agrees(longest.norm(), R, 1e-9)) {
      findings.push_back(
          step + " is −η∇f for the gradient " + format_vector(g0) + ", but with that gradient " +
          "100 and 1000 times as large both steps have length " + format_number(R, 6) +
          " along −∇f, where η‖∇f‖ is " + format_number(100.0 * moved.norm(), 6) + " and " +
          format_number(1000.0 * moved.norm(), 6) + ": steps longer than R = " +
          format_number(R, 6) + " are cut to length R (the step, or the gradient at C = R/η = " +
          format_number(R / params.learning_rate, 6) +
          ", clipped by its norm: Taylor's model trusted only within a ball); the gradient "
          "step is −η∇f whatever its length, and a step too long is a matter of η, below 2/L "
          "(§1.3)");
      return findings;
    }
  }

  // Each coordinate on its own: changing the last coordinate's gradient alone leaves the others'
  // steps as they were.
  {
    Vector other = g0;
    other(other.size() - 1) *= 10.0;
    const Vector changed = first_step(x0, other, params);
    for (Index i = 0; i + 1 < moved.size(); ++i) {
      if (detail::finite(changed) && std::abs(changed(i) - moved(i)) > 1e-12 * std::abs(moved(i))) {
        findings.push_back(
            "multiplying only coordinate " + std::to_string(moved.size() - 1) +
            "'s gradient by 10 changed how far " + step + " moved coordinate " + std::to_string(i) +
            ", from " + format_number(moved(i)) + " to " + format_number(changed(i)) +
            ": each coordinate's step uses its own gradient and its own history only (one "
            "accumulator per coordinate, g_i², not the whole vector's ‖g‖²)");
        break;
      }
    }
  }

  // Each coordinate as if alone: a vector of one coordinate, with that coordinate's x and
  // gradient, moves as it does among the others. An operation on the whole vector inside the loop
  // over coordinates (x *= …, x -= … on all of x) runs once per coordinate: n times.
  for (Index i = 0; i < moved.size(); ++i) {
    // A coordinate left where it was is said above.
    if (moved(i) == 0.0 && g0(i) != 0.0) continue;
    const Vector alone = first_step(x0.segment(i, 1), g0.segment(i, 1), params);
    if (!detail::finite(alone) || std::abs(alone(0) - moved(i)) <= 1e-12 * std::abs(alone(0)))
      continue;
    std::string why = step + " moved coordinate " + std::to_string(i) + " by " +
                      format_number(moved(i)) + " among " + std::to_string(moved.size()) +
                      " coordinates and by " + format_number(alone(0)) +
                      " when it is the only one, with the same x, gradient and state";
    const double n = double(moved.size());
    if (agrees(moved(i), alone(0) / n, 1e-9) || agrees(moved(i), alone(0) * n, 1e-9)) {
      why += ": a factor n = " + format_number(n) + ", the number of coordinates";
    }
    findings.push_back(why +
                       ": each coordinate's step is its own; is an operation on the whole vector "
                       "(x *= …, x -= …, a norm or a sum over all coordinates) inside the loop "
                       "over coordinates, so that it runs once per coordinate?");
    break;
  }

  // Linear in the learning rate.
  {
    Params doubled = params;
    doubled.learning_rate *= 2.0;
    std::string why = detail::linear_in_eta(step, "", moved, first_step(x0, g0, doubled));
    // A learning rate above 1 is a learning rate too: η = 2.5 moves 2.5/η times as far.
    Params large = params;
    large.learning_rate = 2.5;
    Vector far;
    try {
      far = first_step(x0, g0, large);
    } catch (const std::invalid_argument&) {
      far = large.learning_rate / params.learning_rate * moved;
    }
    const double factor = large.learning_rate / params.learning_rate;
    if (why.empty() && moved.norm() > 0.0 && detail::finite(far) &&
        !detail::agree(far, factor * moved, 1e-9)) {
      const double ratio = far.norm() / moved.norm();
      why = step + " is not proportional to the learning rate above 1: η = 2.5 moved x " +
            format_number(ratio, 4) +
            " times as far as η = " + format_number(params.learning_rate) + ", expected " +
            format_number(factor, 4) +
            (std::abs(ratio * params.learning_rate - 1.0) < 1e-6
                 ? " (η = 1 was used: is η capped or clipped at 1? A learning rate is not a "
                   "fraction; η > 1 is valid, and §1.3 says when it diverges)"
                 : "");
    }
    if (!why.empty()) findings.push_back(why);
  }

  // A tiny gradient is still a gradient: a step proportional to it moves, however little.
  if (shape.scale_exponent == 1.0) {
    const Vector tiny = first_step(x0, 1e-13 * g0, params);
    if (tiny.isZero(0.0)) {
      findings.push_back(step + " did not move x at all for the gradient 1e-13·" +
                         format_vector(g0) +
                         ": is the step skipped when the gradient looks zero (isZero() or a "
                         "norm below a tolerance)? A tiny gradient is still a gradient, and a "
                         "zero one gives a zero step by itself");
    }
  }

  // The scale of the gradient: c·g moves the first step by c^p.
  {
    const double c = 100.0;
    const Vector scaled = first_step(x0, c * g0, params);
    const double p = detail::scale_exponent_off(moved, scaled, c, shape.scale_exponent);
    if (!std::isnan(p)) {
      std::string why = step + "'s first step scales like c^" + format_number(p, 3) +
                        " when the gradient is multiplied by c, expected c^" +
                        format_number(shape.scale_exponent);
      if (shape.scale_exponent == 0.0) {
        const double first = moved.cwiseAbs().maxCoeff() / params.learning_rate;
        if (std::abs(p - 1.0) < 0.05 && first > 1e4) {
          why += ": its first step is " + format_number(first) + "·η, a division by ε alone?" +
                 (shape.divides_by_epsilon.empty() ? "" : " " + shape.divides_by_epsilon);
        } else if (std::abs(p - 1.0) < 0.05) {
          why +=
              ": it grows with the gradient, as plain gradient descent does; is the division "
              "by the root of the accumulated squares (√v̂, √S) missing?";
        } else if (std::abs(p + 1.0) < 0.05) {
          why +=
              ": it shrinks like 1/g; dividing by the accumulated squares (v̂, S) instead of "
              "their square root?";
        } else if (std::abs(p - 0.5) < 0.05) {
          why += ": it grows like √g; do the accumulated squares hold g instead of g²?";
        } else {
          why +=
              ": the step divides a gradient by the root of accumulated squared gradients, "
              "a ratio that does not depend on the gradient's scale";
        }
      } else if (std::abs(p) < 0.05 &&
                 moved.isApprox(-params.learning_rate * g0.cwiseSign(), 1e-12)) {
        why +=
            ": every coordinate moved by η exactly, against the sign of its partial "
            "derivative: that is sign descent, −η·sign(∇f); the step is η times the gradient "
            "itself, so its size follows the slope";
      } else if (const std::string clip = detail::clipped(moved, g0, params.learning_rate);
                 !clip.empty()) {
        why += clip;
      } else if (std::abs(p) < 0.05) {
        why += ": it does not grow with the gradient; is the gradient normalised somewhere?";
        // The cause of what the other probes saw (coordinates that move with the others'
        // gradients): said first.
        findings.insert(findings.begin(), why);
        return findings;
      }
      findings.push_back(why);
    }
  }
  return findings;
}

}  // namespace workbook::testing

namespace workbook::testing {

/// Runs the probes on a step that takes a gradient function instead of a gradient (Nesterov's:
/// `kernel(x, gradient_at, state, params)`), on the separable quadratic
/// \f$f(y) = \tfrac12\sum_i d_i y_i^2\f$: returns one sentence per property that the step breaks,
/// empty if it keeps them all. `lookahead(x, state, params)` is the one point at which a step from
/// `x` with `state` must evaluate \f$\nabla f\f$, and `lookahead_name` says it in the notes' words.
/// The properties: \f$\nabla f\f$ called once per step, at that point, with a point of \f$n\f$ finite
/// coordinates; `x_previous` holds \f$x_t\f$ after the step; on a flat function the step lands on
/// that point; finite iterates and state; the counter; from rest, every coordinate downhill; the
/// order of the coordinates does not matter; the first step from rest is proportional to \f$\eta\f$
/// and scales like \f$c^p\f$ when the gradient is multiplied by \f$c\f$. With `guesses` false (the
/// lines measured have already named what is wrong) the findings say what was observed without
/// guessing at a cause. Exceptions from the kernel (a stub's "not implemented yet") pass through.
template <class Params, class State>
std::vector<std::string> probe_lookahead_step(
    void (*kernel)(Vector&, const GradientFunction&, State&, const Params&), const Params& params,
    const StepShape<State>& shape,
    const std::type_identity_t<std::function<Vector(const Vector&, const State&, const Params&)>>&
        lookahead,
    const std::string& lookahead_name, bool guesses = true) {
  std::vector<std::string> findings;
  const std::string step = shape.name;
  const Vector x0{{1.0, -2.0, 3.0}};
  const Vector d{{0.3, 2.0, 5.0}};  // the curvatures: ∇f(x0) = (0.3, −4, 15)
  const Index n = x0.size();

  // ∇f of ½Σ c·d_i y_i², recording where it is called; a point of the wrong size or with NaN is
  // recorded too, and answered with zeros so that the step can go on.
  std::vector<Vector> calls;
  std::string bad_point;
  auto gradient_of = [&](const Vector& curvature, double c) {
    return GradientFunction([&, curvature, c](const Vector& y) {
      calls.push_back(y);
      if (y.size() != n) {
        bad_point = step + " called ∇f with a point of " + std::to_string(y.size()) +
                    " coordinates instead of " + std::to_string(n) +
                    ": an empty or unsized vector?";
        return Vector(Vector::Zero(n));
      }
      if (!y.allFinite() && bad_point.empty()) {
        bad_point = step + " called ∇f at " + format_vector(y) + ", a point with NaN or infinity";
      }
      return Vector(c * curvature.cwiseProduct(y));
    });
  };
  // From rest at x_start: the displacement after `steps` steps.
  auto from_rest = [&](const Vector& x_start, const Vector& curvature, double c, const Params& p,
                       int steps) {
    Vector x = x_start;
    State state = start_state<State>(x, p);
    const GradientFunction gradient = gradient_of(curvature, c);
    for (int k = 0; k < steps; ++k) kernel(x, gradient, state, p);
    return Vector(x - x_start);
  };

  // Once per step, at the lookahead point: a step from x0 with the last displacement (0.1, 0.2, −0.3).
  {
    Vector x = x0;
    State state = start_state<State>(x, params);
    state.x_previous = x0 - Vector{{0.1, 0.2, -0.3}};
    const Vector expected = lookahead(x, state, params);
    calls.clear();
    kernel(x, gradient_of(d, 1.0), state, params);
    if (calls.empty()) {
      findings.push_back(step + " never called ∇f: the step needs the gradient at " +
                         lookahead_name);
    } else {
      bool at_lookahead = false;
      for (const Vector& y : calls)
        at_lookahead = at_lookahead || detail::agree(y, expected, 1e-12);
      if (calls.size() > 1) {
        findings.push_back(step + " called ∇f " + std::to_string(calls.size()) +
                           " times in one step: evaluate it once, at " + lookahead_name);
      }
      if (!at_lookahead) {
        std::string why = step + " evaluated ∇f at " + format_vector(calls.front()) +
                          " instead of " + lookahead_name + " = " + format_vector(expected);
        if (guesses && detail::agree(calls.front(), x0, 1e-12))
          why += ": at x_t, where the heavy ball takes it";
        findings.push_back(why);
      }
    }
    if (!bad_point.empty()) findings.push_back(bad_point);
    if (!detail::agree(state.x_previous, x0, 1e-15)) {
      findings.push_back("after " + step + " x_previous is " + format_vector(state.x_previous) +
                         ", expected x_t = " + format_vector(x0) +
                         ": x_previous must hold x_t after the step, the next step's x_{t−1}");
    } else if constexpr (requires(Params p) { p.momentum = 0.0; }) {
      // Whatever β: a step without momentum keeps x_t too, for a later step that has some.
      Params without = params;
      without.momentum = 0.0;
      Vector y = x0;
      State plain = start_state<State>(y, without);
      plain.x_previous = x0 - Vector{{0.1, 0.2, -0.3}};
      kernel(y, gradient_of(d, 1.0), plain, without);
      if (!detail::agree(plain.x_previous, x0, 1e-15)) {
        findings.push_back("with momentum β = 0 " + step + " left x_previous at " +
                           format_vector(plain.x_previous) +
                           ", expected x_t = " + format_vector(x0) +
                           ": x_previous must hold x_t after every step, whatever β; is β = 0 "
                           "a special case that returns before it is stored? A later step "
                           "(with β > 0, or a schedule of β) reads it");
      }
    }
  }

  // On a flat function (∇f = 0) momentum alone carries the ball: the step lands on the lookahead
  // point.
  {
    Vector x = x0;
    State state = start_state<State>(x, params);
    state.x_previous = x0 - Vector{{0.1, 0.2, -0.3}};
    const Vector expected = lookahead(x, state, params);
    kernel(x, gradient_of(d, 0.0), state, params);
    if (!detail::agree(x, expected, 1e-12)) {
      std::string why = "on a flat function (∇f = 0) momentum alone must carry the ball to " +
                        lookahead_name + " = " + format_vector(expected) + "; " + step +
                        " went to " + format_vector(x);
      if (guesses && detail::agree(x, x0, 1e-15))
        why += ", it stayed at x_t: does the step start from x_t?";
      findings.push_back(why);
    }
  }

  // NaN or infinity: where it first appears.
  {
    Vector x = x0;
    State state = start_state<State>(x, params);
    const GradientFunction gradient = gradient_of(d, 1.0);
    for (int t = 1; t <= 5; ++t) {
      kernel(x, gradient, state, params);
      std::string where;
      if (!detail::finite(x)) where = "x";
      if (shape.vectors) {
        for (const auto& [name, vector] : shape.vectors(state)) {
          if (vector != nullptr && !detail::finite(*vector))
            where += (where.empty() ? "" : ", ") + name;
        }
      }
      if (!where.empty()) {
        findings.push_back(step + " produced NaN or infinity in " + where + " at step " +
                           std::to_string(t) + " with finite gradients" +
                           (t > 1                          ? ": a value read before it was written?"
                            : shape.first_step_nan.empty() ? std::string()
                                                           : ": " + shape.first_step_nan));
        break;
      }
    }
  }

  // The step counter: 1 after the first step, t after t steps.
  if (shape.counter) {
    Vector x = x0;
    State state = start_state<State>(x, params);
    const GradientFunction gradient = gradient_of(d, 1.0);
    kernel(x, gradient, state, params);
    const long after_one = shape.counter(state);
    kernel(x, gradient, state, params);
    kernel(x, gradient, state, params);
    const long after_three = shape.counter(state);
    const std::string why = counter_finding(after_one, after_three, x.size());
    if (!why.empty()) findings.push_back(why);
  }

  const Vector moved = from_rest(x0, d, 1.0, params, 1);
  if (!detail::finite(moved)) return findings;  // named above
  const Vector g0 = d.cwiseProduct(x0);

  // From rest, every coordinate moves, and against its gradient.
  for (Index i = 0; i < n; ++i) {
    if (moved(i) == 0.0) {
      findings.push_back(step + " left coordinate " + std::to_string(i) + " of " +
                         std::to_string(n) + " where it was although its gradient is " +
                         format_number(g0(i)) +
                         ": does the loop visit every coordinate (i < x.size())?");
    } else if (moved(i) * g0(i) > 0.0) {
      findings.push_back(step + " moved coordinate " + std::to_string(i) +
                         " uphill from rest, along its gradient " + format_number(g0(i)) + " (by " +
                         format_number(moved(i)) +
                         "): from rest the step is a gradient step, x − η∇f");
    }
  }

  // The coordinates are independent: reversing their order (and the curvatures') reverses two
  // steps from rest, the second one with momentum.
  {
    const Vector twice = from_rest(x0, d, 1.0, params, 2);
    const Vector reversed = from_rest(x0.reverse(), d.reverse(), 1.0, params, 2);
    const std::string why =
        detail::order_of_coordinates(step, "two steps with the coordinates", twice,
                                     reversed.reverse(), "x_t, x_{t−1} and gradient");
    if (!why.empty()) findings.push_back(why);
  }

  // Coordinate 0 at rest does not change the other coordinates' steps (∇f is separable).
  {
    const auto landed = [&](const Vector& displacement) {
      Vector x = x0;
      State state = start_state<State>(x, params);
      state.x_previous = x0 - displacement;
      kernel(x, gradient_of(d, 1.0), state, params);
      return x;
    };
    const std::string why = detail::rest_in_one_coordinate(step, landed(Vector{{0.1, 0.2, -0.3}}),
                                                           landed(Vector{{0.0, 0.2, -0.3}}),
                                                           "the lookahead β(x_t − x_{t−1})");
    if (!why.empty()) findings.push_back(why);
  }

  // Linear in the learning rate, from rest.
  {
    Params doubled = params;
    doubled.learning_rate *= 2.0;
    const std::string why =
        detail::linear_in_eta(step, " from rest", moved, from_rest(x0, d, 1.0, doubled, 1));
    if (!why.empty()) findings.push_back(why);
  }

  // The scale of the gradient: c·∇f moves the first step from rest by c^p.
  {
    const double c = 100.0;
    const Vector scaled = from_rest(x0, d, c, params, 1);
    const double p = detail::scale_exponent_off(moved, scaled, c, shape.scale_exponent);
    if (!std::isnan(p)) {
      findings.push_back(step + "'s first step from rest scales like c^" + format_number(p, 3) +
                         " when the gradient is multiplied by c, expected c^" +
                         format_number(shape.scale_exponent) +
                         (std::abs(p) < 0.05 ? ": is the gradient normalised somewhere?" : ""));
    }
  }
  return findings;
}

/// The probes' findings as the end of a diagnosis: "" if there are none, else ": " and the
/// findings joined by "; ".
inline std::string what_the_probes_found(const std::vector<std::string>& findings) {
  std::string text;
  for (const std::string& finding : findings) text += (text.empty() ? ": " : "; ") + finding;
  return text;
}

/// The probes' findings said once per test case: the first call in a case runs `find` and returns
/// its text; later calls in the same case point back to it instead of repeating it.
inline std::string once_per_case(const std::string& probes,
                                 const std::function<std::string()>& find) {
  static std::map<std::string, boost::unit_test::test_unit_id> said;
  const boost::unit_test::test_unit_id id = boost::unit_test::framework::current_test_case().p_id;
  const auto it = said.find(probes);
  if (it != said.end() && it->second == id) {
    return " (what the probes found is in this case's first failure)";
  }
  std::string found = find();
  if (!found.empty()) said[probes] = id;
  return found;
}

}  // namespace workbook::testing
