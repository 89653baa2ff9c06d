// The line diff that tells how far a known mistake has drifted from its reference solution.
#include <boost/test/unit_test.hpp>

#include "line_diff.hpp"

using namespace workbook::tool;

namespace {

std::vector<std::string> lines(std::initializer_list<const char*> texts) {
  return std::vector<std::string>(texts.begin(), texts.end());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(line_diff)

BOOST_AUTO_TEST_CASE(equal_texts_have_no_hunk) {
  const auto text = lines({"a", "b", "c"});
  BOOST_TEST(diff_lines(text, text).empty());
  BOOST_TEST(changed_lines(diff_lines({}, {})) == 0u);
}

BOOST_AUTO_TEST_CASE(a_line_changed_in_place_counts_once) {
  // The mistake of a gradient step: one sign.
  const auto reference = lines({"// Reference solution", "void step() {", "  x -= g;", "}"});
  const auto mistake = lines({"// Known mistake: the sign", "void step() {", "  x += g;", "}"});
  const std::vector<DiffHunk> hunks = diff_lines(reference, mistake);
  BOOST_TEST_REQUIRE(hunks.size() == 2u);
  BOOST_TEST(hunks[0].first_line == 1u);
  BOOST_TEST(hunks[1].first_line == 3u);
  BOOST_TEST(hunks[1].removed == 1u);
  BOOST_TEST(hunks[1].added == 1u);
  BOOST_TEST(changed_lines(hunks) == 2u);
}

BOOST_AUTO_TEST_CASE(lines_added_or_removed_count_each) {
  const auto before = lines({"a", "b", "c", "d"});
  BOOST_TEST(changed_lines(diff_lines(before, lines({"a", "x", "y", "b", "c", "d"}))) == 2u);
  BOOST_TEST(changed_lines(diff_lines(before, lines({"a", "d"}))) == 2u);
  BOOST_TEST(changed_lines(diff_lines(before, {})) == 4u);
  BOOST_TEST(changed_lines(diff_lines({}, before)) == 4u);
  // Two lines rewritten as one: two changed lines; three as one: three.
  BOOST_TEST(changed_lines(diff_lines(before, lines({"a", "z", "d"}))) == 2u);
  BOOST_TEST(changed_lines(diff_lines(lines({"a", "b", "c", "d", "e"}), lines({"a", "z", "e"}))) ==
             3u);
}

BOOST_AUTO_TEST_SUITE_END()
