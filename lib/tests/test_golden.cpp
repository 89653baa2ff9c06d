// The golden files: one format (workbook/testing/golden.hpp), one reader, and errors that name the
// file, the line and the column, so that a damaged or missing file is found at once, not mistaken
// for a difference from torch.
#include <string>
#include <vector>

#include "workbook/testing/golden.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/scratch.hpp"

using namespace workbook;
using testing::GoldenTable;

BOOST_AUTO_TEST_SUITE(golden_files)

BOOST_AUTO_TEST_CASE(a_golden_file_reads_back_every_double,
                     *utf::description("comments, a header, then rows: numbers with 17 "
                                       "significant digits read back to the same double, a vector "
                                       "is one cell of numbers separated by spaces, and a quoted "
                                       "cell may hold commas")) {
  const testing::ScratchFolder folder("golden_format");
  const GoldenTable table(
      folder.write("run.csv",
                   "# torch 1.13; a script\n"
                   "case,step,x,settings\n"
                   "plain,0,0.10000000000000001 -2 nan,\"lr=0.1 betas=0.9,0.999\"\n"
                   "plain,1,,\n"));
  BOOST_TEST(table.comments() == std::vector<std::string>{"torch 1.13; a script"},
             tt::per_element());
  BOOST_TEST(table.columns() == (std::vector<std::string>{"case", "step", "x", "settings"}),
             tt::per_element());
  BOOST_TEST_REQUIRE(table.size() == 2u);
  const testing::GoldenRow& row = table.rows()[0];
  BOOST_TEST(row.line() == 3);
  BOOST_TEST(row.integer("step") == 0);
  const Vector x = row.numbers("x");
  BOOST_TEST_REQUIRE(x.size() == 3);
  BOOST_TEST(x(0) == 0.1);  // the same double, exactly
  BOOST_TEST(x(1) == -2.0);
  BOOST_TEST(std::isnan(x(2)));
  BOOST_TEST(row.text("settings") == "lr=0.1 betas=0.9,0.999");
  BOOST_TEST(table.rows()[1].numbers("x").size() == 0);
}

BOOST_AUTO_TEST_CASE(a_damaged_golden_file_is_an_error_that_says_where,
                     *utf::description("a missing file, a ragged row, a cell that is not a "
                                       "number, an unknown column and a missing "
                                       "WORKBOOK_GOLDEN_DIR are errors naming the file, the line "
                                       "and the column")) {
  const testing::ScratchFolder folder("golden_errors");
  const std::string missing = (folder.path() / "missing.csv").string();
  BOOST_CHECK_EXCEPTION(GoldenTable{missing}, std::runtime_error,
                        testing::message_has({"cannot read the golden file", missing}));
  const auto ragged = folder.write("ragged.csv", "# c\nstep,x\n0,1\n1,2,3\n");
  BOOST_CHECK_EXCEPTION(
      GoldenTable{ragged}, std::runtime_error,
      testing::message_has({ragged.string() + ":4", "3 cells, but the header has 2 columns"}));
  const GoldenTable words(folder.write("words.csv", "step,x,lr\n0,1 two 3,0.1x\n"));
  const testing::GoldenRow& row = words.rows()[0];
  BOOST_CHECK_EXCEPTION(row.numbers("x"), std::runtime_error,
                        testing::message_has({"words.csv:2, column x", "'two' is not a number"}));
  BOOST_CHECK_EXCEPTION(row.number("lr"), std::runtime_error,
                        testing::message_has({"words.csv:2, column lr", "'0.1x' is not a number"}));
  BOOST_CHECK_EXCEPTION(row.integer("x"), std::runtime_error,
                        testing::message_has({"words.csv:2, column x", "is not an integer"}));
  BOOST_CHECK_EXCEPTION(row.text("eta"), std::runtime_error,
                        testing::message_has({"words.csv", "no column 'eta'"}));
  {
    const testing::EnvironmentVariable unset("WORKBOOK_GOLDEN_DIR", nullptr);
    BOOST_CHECK_EXCEPTION(testing::golden_file("sgd_cases.csv"), std::runtime_error,
                          testing::message_has({"WORKBOOK_GOLDEN_DIR is not set", "CTest"}));
  }
  BOOST_CHECK_EXCEPTION(testing::golden_file("no_such_file.csv"), std::runtime_error,
                        testing::message_has({"golden file no_such_file.csv not found in "
                                              "WORKBOOK_GOLDEN_DIR"}));
}

BOOST_AUTO_TEST_SUITE_END()
