// Chapter 2: the data sets of data/, the CSV loader and its errors, the data folder, the
// stratified split and the standardisation with the training set's statistics.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>

#include <unistd.h>

#include "workbook/data.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/scratch.hpp"

using namespace workbook;
using testing::EnvironmentVariable;
using testing::ScratchFolder;
namespace fs = std::filesystem;

namespace {

// The population standard deviation of each column.
Vector column_deviations(const Matrix& X) {
  const Matrix centred = X.rowwise() - X.colwise().mean();
  return (centred.colwise().squaredNorm() / static_cast<double>(X.rows())).cwiseSqrt().transpose();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(data_sets)

BOOST_AUTO_TEST_CASE(breast_cancer_is_569_examples_of_30_features,
                     *utf::description("data/breast_cancer.csv: 569 examples, 30 named features, "
                                       "212 malignant (0) and 357 benign (1), as its description "
                                       "says; the first example's mean radius is 17.99")) {
  const Dataset data = load_csv(data_file("breast_cancer.csv"));
  BOOST_TEST(data.examples() == 569);
  BOOST_TEST(data.dimension() == 30);
  BOOST_TEST(data.classes() == 2);
  BOOST_TEST(data.class_counts() == std::vector<Index>({212, 357}), tt::per_element());
  BOOST_TEST(data.feature_names.front() == "mean radius");
  BOOST_TEST(data.feature_names[10] == "radius error");
  BOOST_TEST(data.feature_names.back() == "worst fractal dimension");
  BOOST_TEST(data.features(0, 0) == 17.99);
  BOOST_TEST(data.features(0, 23) == 2019.0);  // worst area
  BOOST_TEST(data.labels(0) == 0);
  // The description's ranges: mean area in [143.5, 2501], worst concavity in [0, 1.252].
  BOOST_TEST(data.features.col(3).minCoeff() == 143.5);
  BOOST_TEST(data.features.col(3).maxCoeff() == 2501.0);
  BOOST_TEST(data.features.col(26).minCoeff() == 0.0);
  BOOST_TEST(data.features.col(26).maxCoeff() == 1.252);
}

BOOST_AUTO_TEST_CASE(digits_are_1797_images_of_8x8_pixels,
                     *utf::description("data/digits.csv: 1797 examples of 64 pixels, integers "
                                       "0..16 named pixel_r_c, ten classes of 174 to 183")) {
  const Dataset data = load_csv(data_file("digits.csv"));
  BOOST_TEST(data.examples() == 1797);
  BOOST_TEST(data.dimension() == 64);
  BOOST_TEST(data.classes() == 10);
  BOOST_TEST(
      data.class_counts() == std::vector<Index>({178, 182, 177, 183, 181, 182, 181, 179, 174, 180}),
      tt::per_element());
  BOOST_TEST(data.feature_names.front() == "pixel_0_0");
  BOOST_TEST(data.feature_names[9] == "pixel_1_1");
  BOOST_TEST(data.feature_names.back() == "pixel_7_7");
  BOOST_TEST(data.features.minCoeff() == 0.0);
  BOOST_TEST(data.features.maxCoeff() == 16.0);
  BOOST_TEST((data.features.array() == data.features.array().round()).all());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(csv_loader)

BOOST_AUTO_TEST_CASE(reads_names_features_and_labels,
                     *utf::description("a header, then features and an integer label per line; "
                                       "spaces around fields, CRLF line ends and a missing final "
                                       "line break are accepted")) {
  ScratchFolder folder("reads");
  const fs::path file = folder.write("small.csv", "a, b ,label\r\n1.5,-2e-3,0\r\n 3 ,4, 2");
  const Dataset data = load_csv(file);
  BOOST_TEST(data.feature_names == std::vector<std::string>({"a", "b"}), tt::per_element());
  BOOST_TEST(data.examples() == 2);
  BOOST_TEST(data.features(0, 0) == 1.5);
  BOOST_TEST(data.features(0, 1) == -2e-3);
  BOOST_TEST(data.features(1, 0) == 3.0);
  BOOST_TEST(data.features(1, 1) == 4.0);
  BOOST_TEST(data.labels(0) == 0);
  BOOST_TEST(data.labels(1) == 2);
  BOOST_TEST(data.classes() == 3);
  BOOST_TEST(data.class_counts() == std::vector<Index>({1, 0, 1}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(errors_name_the_file_the_line_and_the_column,
                     *utf::description("a missing file, an empty one, a ragged line, a non-number, "
                                       "a NaN, a bad label, an empty line: each is an error that "
                                       "says where; nothing half-loaded comes back")) {
  ScratchFolder folder("errors");
  const auto fails_with = [&](const std::string& name, const std::string& text,
                              std::vector<std::string> parts) {
    const fs::path file = folder.write(name, text);
    parts.insert(parts.begin(), file.string());
    BOOST_TEST_INFO(name);
    BOOST_CHECK_EXCEPTION(load_csv(file), std::runtime_error, testing::message_has(parts));
  };
  BOOST_CHECK_EXCEPTION(load_csv(folder.path() / "absent.csv"), std::runtime_error,
                        testing::message_has({"absent.csv", "cannot be opened"}));
  fails_with("empty.csv", "", {"is empty"});
  fails_with("header_only.csv", "a,b,label\n", {"no example"});
  fails_with("one_column.csv", "label\n1\n", {":1: the header has 1 column"});
  fails_with("ragged.csv", "a,b,label\n1,2,0\n3,1\n", {":3: the line has 2 fields: expected 3"});
  fails_with("long.csv", "a,b,label\n1,2,0,7\n", {":2: the line has 4 fields: expected 3"});
  fails_with("word.csv", "a,b,label\n1,2,0\n1,x1,0\n",
             {":3: column 2 ('b'): 'x1' is not a number"});
  fails_with("blank_field.csv", "a,b,label\n,2,0\n", {":2: column 1 ('a'): '' is not a number"});
  fails_with("nan.csv", "a,b,label\n1,2,0\nnan,2,1\n", {":3: column 1 ('a'): 'nan' is not finite"});
  fails_with("infinity.csv", "a,b,label\n1,inf,0\n", {":2: column 2 ('b'): 'inf' is not finite"});
  fails_with("overflow.csv", "a,b,label\n1,1e999,0\n", {":2: column 2 ('b')", "out of the range"});
  fails_with("fraction_label.csv", "a,b,label\n1,2,0.5\n",
             {":2: column 3 ('label'): '0.5' is not a label: expected an integer >= 0"});
  fails_with("negative_label.csv", "a,b,label\n1,2,-1\n", {":2: column 3 ('label'): '-1'"});
  fails_with("empty_line.csv", "a,b,label\n1,2,0\n\n3,4,1\n", {":3: the line is empty"});
  // The error is on the last line: the 999 good lines before it are not returned.
  std::string long_file = "a,label\n";
  for (int i = 0; i < 999; ++i) long_file += std::to_string(i) + ",0\n";
  fails_with("last_line.csv", long_file + "oops,1\n", {":1001: column 1 ('a'): 'oops'"});
}

BOOST_AUTO_TEST_CASE(data_file_reads_the_environment,
                     *utf::description("data_file(name) is WORKBOOK_DATA_DIR/name; unset or "
                                       "empty, the workbook's own data/ folder; a missing file "
                                       "is an error naming the folder")) {
  const fs::path found = data_file("digits.csv");
  BOOST_TEST(found.filename() == "digits.csv");
  BOOST_TEST(fs::is_regular_file(found));
  BOOST_CHECK_EXCEPTION(data_file("iris.csv"), std::runtime_error,
                        testing::message_has({"iris.csv not found in WORKBOOK_DATA_DIR = "}));
  for (const char* value : {static_cast<const char*>(nullptr), ""}) {
    EnvironmentVariable unset("WORKBOOK_DATA_DIR", value);
    const fs::path own = data_file("digits.csv");
    BOOST_TEST(fs::equivalent(own, found), own << " is not the workbook's data/digits.csv");
    BOOST_CHECK_EXCEPTION(data_file("iris.csv"), std::runtime_error,
                          testing::message_has({"iris.csv not found in the workbook's data "
                                                "folder"}));
  }
  BOOST_TEST(data_file("digits.csv") == found);  // restored
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(split_and_standardise)

BOOST_AUTO_TEST_CASE(
    stratified_split_keeps_each_class_proportion,
    *utf::description("80/20 split: round(0.2·N_c) examples of each class c go to the test set "
                      "(42 of 212 and 71 of 357 for breast cancer), the halves are disjoint and "
                      "cover the data, and each class's share of the test set is its share of the "
                      "data to within one example")) {
  for (const char* name : {"breast_cancer.csv", "digits.csv"}) {
    BOOST_TEST_CONTEXT(name) {
      const Dataset data = load_csv(data_file(name));
      const Split split = stratified_split(data);
      const auto counts = data.class_counts();
      const auto test_counts = split.test.class_counts();
      const auto train_counts = split.train.class_counts();
      for (std::size_t c = 0; c < counts.size(); ++c) {
        BOOST_TEST_INFO("class " << c);
        BOOST_TEST(test_counts[c] == std::llround(0.2 * static_cast<double>(counts[c])));
        BOOST_TEST(train_counts[c] + test_counts[c] == counts[c]);
        const double share = static_cast<double>(counts[c]) / data.examples();
        const double test_share = static_cast<double>(test_counts[c]) / split.test.examples();
        BOOST_TEST(std::abs(test_share - share) <= 1.0 / split.test.examples());
      }
      std::set<Index> all(split.train_indices.begin(), split.train_indices.end());
      all.insert(split.test_indices.begin(), split.test_indices.end());
      BOOST_TEST(static_cast<Index>(all.size()) == data.examples());
      BOOST_TEST(split.train.examples() + split.test.examples() == data.examples());
      // Row r of each half is the example it says, in the order of the file.
      BOOST_TEST(std::is_sorted(split.test_indices.begin(), split.test_indices.end()));
      const Index r = split.test.examples() / 2,
                  i = split.test_indices[static_cast<std::size_t>(r)];
      BOOST_TEST((split.test.features.row(r) == data.features.row(i)));
      BOOST_TEST(split.test.labels(r) == data.labels(i));
      BOOST_TEST(split.train.feature_names == data.feature_names, tt::per_element());
    }
  }
  const Split breast = stratified_split(load_csv(data_file("breast_cancer.csv")));
  BOOST_TEST(breast.test.examples() == 113);
  BOOST_TEST(breast.train.examples() == 456);
}

BOOST_AUTO_TEST_CASE(the_split_is_fixed_by_its_seed) {
  const Dataset data = load_csv(data_file("breast_cancer.csv"));
  const Split a = stratified_split(data), b = stratified_split(data);
  BOOST_TEST(a.test_indices == b.test_indices, tt::per_element());
  const Split other = stratified_split(data, {.test_fraction = 0.2, .seed = 1});
  BOOST_TEST(other.test_indices.size() == a.test_indices.size());
  BOOST_TEST((other.test_indices != a.test_indices));
  const Split half = stratified_split(data, {.test_fraction = 0.5, .seed = 0});
  BOOST_TEST(half.test.class_counts() == std::vector<Index>({106, 179}), tt::per_element());
}

BOOST_AUTO_TEST_CASE(
    standardised_with_the_training_statistics_only,
    *utf::description("after standardise(): every training feature has mean 0 and (population) "
                      "deviation 1; the test set is mapped with the training mean and deviation, "
                      "not its own")) {
  const Dataset data = load_csv(data_file("breast_cancer.csv"));
  Split split = stratified_split(data);
  const Matrix raw_test = split.test.features;
  const Standardiser s = standardise(split);
  BOOST_TEST(s.constant_features().empty());
  const Vector train_mean = split.train.features.colwise().mean().transpose();
  BOOST_TEST(train_mean.cwiseAbs().maxCoeff() < 1e-14);
  BOOST_TEST((column_deviations(split.train.features) - Vector::Ones(30)).cwiseAbs().maxCoeff() <
             1e-14);
  // The test set: (x − μ_train)/σ_train, exactly the map of the training set.
  const Matrix expected = (raw_test.rowwise() - s.mean().transpose()).array().rowwise() /
                          s.deviation().transpose().array();
  BOOST_TEST((split.test.features - expected).cwiseAbs().maxCoeff() == 0.0);
  // ... which leaves the test set's own mean near, but not at, 0.
  const double test_mean = split.test.features.col(0).mean();
  BOOST_TEST(std::abs(test_mean) > 1e-6);
  BOOST_TEST(std::abs(test_mean) < 0.5);
}

BOOST_AUTO_TEST_CASE(
    a_constant_feature_becomes_zero_not_nan,
    *utf::description("a feature constant on the training rows has σ = 0: it is given σ = 1 and "
                      "μ = its value, so it is exactly 0 on the training rows and x − μ on others, "
                      "never NaN; the digits have such pixels (the corners)")) {
  const Matrix train{{1.0, 0.1, 5.0}, {2.0, 0.1, 5.0}, {3.0, 0.1, 5.0}};
  const Standardiser s = Standardiser::fit(train);
  BOOST_TEST(s.constant_features() == std::vector<Index>({1, 2}), tt::per_element());
  BOOST_TEST(s.deviation()(1) == 1.0);
  BOOST_TEST(s.mean()(1) == 0.1);
  const Matrix z = s.transform(train);
  BOOST_TEST(z.col(1).cwiseAbs().maxCoeff() == 0.0);
  BOOST_TEST(z.col(2).cwiseAbs().maxCoeff() == 0.0);
  const Matrix other = s.transform(Matrix{{4.0, 0.3, 5.0}});
  BOOST_TEST(other(0, 0) == (4.0 - 2.0) / std::sqrt(2.0 / 3.0), tt::tolerance(1e-15));
  BOOST_TEST(other(0, 1) == 0.3 - 0.1);

  const Dataset digits = load_csv(data_file("digits.csv"));
  Split split = stratified_split(digits);
  const Standardiser d = standardise(split);
  BOOST_TEST_REQUIRE(!d.constant_features().empty());
  BOOST_TEST(d.constant_features().front() == 0);  // pixel_0_0 is always 0
  BOOST_TEST(split.train.features.allFinite());
  BOOST_TEST(split.test.features.allFinite());
  for (Index j : d.constant_features()) BOOST_TEST(split.train.features.col(j).isZero(0.0));
}

BOOST_AUTO_TEST_CASE(bad_input) {
  const Dataset data = load_csv(data_file("breast_cancer.csv"));
  BOOST_CHECK_EXCEPTION(stratified_split(data, {.test_fraction = 1.0}), std::invalid_argument,
                        testing::message_has({"test_fraction = 1 is invalid", "(0, 1)"}));
  BOOST_CHECK_EXCEPTION(stratified_split(data, {.test_fraction = 0.0001}), std::invalid_argument,
                        testing::message_has({"class 0 has 212 examples", "none of them"}));
  Dataset broken = data;
  broken.labels.conservativeResize(10);
  BOOST_CHECK_EXCEPTION(stratified_split(broken), std::invalid_argument,
                        testing::message_has({"569 rows of features and 10 labels"}));
  Dataset nan_feature = data;
  nan_feature.features(3, 4) = std::nan("");
  BOOST_CHECK_EXCEPTION(nan_feature.validate(), std::invalid_argument,
                        testing::message_has({"feature 4 of example 3 is nan"}));
  BOOST_CHECK_EXCEPTION(data.subset({0, 569}), std::invalid_argument,
                        testing::message_has({"indices[1] = 569 is invalid"}));
  BOOST_CHECK_EXCEPTION(Standardiser::fit(Matrix(0, 3)), std::invalid_argument,
                        testing::message_has({"no row"}));
  const Standardiser s = Standardiser::fit(data.features);
  BOOST_CHECK_EXCEPTION(s.transform(Matrix::Zero(2, 29)), std::invalid_argument,
                        testing::message_has({"29 columns: expected 30"}));
}

BOOST_AUTO_TEST_SUITE_END()
