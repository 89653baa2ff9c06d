/// \file
/// Eigen's own checks (an index in range, two sizes that agree) as exceptions, in the builds that
/// check (no NDEBUG).
///
/// Eigen checks every index and every size with `eigen_assert`, which by default aborts the
/// program. Here a failed check throws workbook::eigen_check_failed instead, so that a test case
/// can say what went wrong in the notes' words (which state vector an exercise indexed while it
/// was still empty, for instance) and the cases after it still run; and a vector made with its size
/// only holds NaN until it is written. Every file of the workbook is
/// compiled with this header included first (`-include`, cmake/WorkbookFlags.cmake), so that
/// Eigen's inline functions are the same in every object: a definition of `eigen_assert` must come
/// before Eigen's headers. A release build (NDEBUG) leaves Eigen's checks out, as Eigen does.
#pragma once

#include <stdexcept>
#include <string>

namespace workbook {

/// One of Eigen's checks failed: `check` is its condition, as Eigen writes it.
class eigen_check_failed : public std::logic_error {
 public:
  /// `what`: the message, said in words; `failed_check`: the condition, as Eigen writes it.
  eigen_check_failed(const std::string& what, const std::string& failed_check)
      : std::logic_error(what), check(failed_check) {}
  std::string check;  ///< "index >= 0 && index < size()"
};

/// What Eigen's check `check` guards and what usually breaks it, in words; "" for a check that is
/// not one of an index or of two sizes.
inline std::string eigen_check_meaning(const std::string& check) {
  const auto has = [&](const char* part) { return check.find(part) != std::string::npos; };
  if (has("index < size()") || has("row < rows()") || has("col < cols()")) {
    return "an index out of range; is a loop bound off, or a vector never sized (Vector g; has "
           "size 0 until Vector g(n) or g.resize(n)), such as a state vector this configuration "
           "does not use, or emptied by a move (Vector v = std::move(state.v) leaves state.v "
           "with size 0)?";
  }
  std::string compact;  // without spaces: Eigen writes both "rows()==" and "rows() =="
  for (const char c : check)
    if (c != ' ') compact += c;
  const auto compact_has = [&](const char* part) {
    return compact.find(part) != std::string::npos;
  };
  if (compact_has("xpr.rows()") || compact_has("xpr.cols()") || compact_has("startRow") ||
      compact_has("startCol")) {
    return "a row, column or block taken outside the vector or matrix; is an index out of range, "
           "or are a size and an index given in the wrong order (Vector::Unit(size, i), "
           "segment(start, n))?";
  }
  if (has("heap allocation is forbidden")) {
    return "a vector or matrix allocated where no allocation may happen; is a temporary Vector "
           "made from an expression (Vector g = a + b), or a vector resized?";
  }
  if (compact_has("rows()==") || compact_has("cols()==") || compact_has("size()==")) {
    return "two vectors of different sizes combined; is a state vector still empty?";
  }
  return "";
}

/// Throws eigen_check_failed for the condition `check`.
[[noreturn, gnu::cold, gnu::noinline]] inline void fail_eigen_check(const char* check) {
  const std::string meaning = eigen_check_meaning(check);
  throw eigen_check_failed(
      "Eigen's check " + std::string(check) + " failed" + (meaning.empty() ? "" : ": " + meaning),
      check);
}

}  // namespace workbook

#if !defined(NDEBUG) && !defined(eigen_assert)
/// Eigen's check of `x`: throws workbook::eigen_check_failed when `x` is false.
#define eigen_assert(x) ((x) ? static_cast<void>(0) : ::workbook::fail_eigen_check(#x))
/// And a test may forbid Eigen's heap allocations for the length of a call
/// (Eigen::internal::set_is_malloc_allowed(false)): a temporary Vector made inside the call then
/// fails Eigen's check "heap allocation is forbidden" (workbook::testing::allocates, which
/// checks that the steps of Chapter 5 make no temporary vector, §5.9).
#define EIGEN_RUNTIME_NO_MALLOC
/// And a vector or matrix made with its size only (`Vector g(n);`, or resized) holds NaN until it
/// is written, rather than whatever the memory held: a value read before it is set is NaN every
/// time, which the tests can trace, and not a number that differs from run to run.
#define EIGEN_INITIALIZE_MATRICES_BY_NAN

#endif
