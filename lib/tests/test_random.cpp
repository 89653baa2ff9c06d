// Chapter 2: Random gives the same numbers on every platform, and its integers are unbiased.
//
// The pinned constants were computed by tools/golden/random_reference.py, a plain-Python
// std::mt19937_64 (checked there against the standard's 10000th output) with the mappings of
// random.hpp: they are what the standard and the documentation define, not what this code returned.
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "workbook/random.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/statistics.hpp"

using namespace workbook;

BOOST_AUTO_TEST_SUITE(random_numbers)

BOOST_AUTO_TEST_CASE(engine_is_the_standard_mt19937_64,
                     *utf::description("the C++ standard fixes std::mt19937_64: its 10000th output "
                                       "from the default seed 5489 is 9981545732273789042, and "
                                       "Random(5489) draws the same bits")) {
  Random random(5489);
  std::uint64_t x = 0;
  for (int k = 0; k < 10000; ++k) x = random.bits();
  BOOST_TEST(x == 9981545732273789042u);
}

BOOST_AUTO_TEST_CASE(first_outputs_of_a_seed_are_pinned,
                     *utf::description("seed 42 gives, on every platform, the bits, uniforms, "
                                       "integers and normals that the standard's engine and the "
                                       "documented mappings define (computed independently)")) {
  const std::array<std::uint64_t, 5> bits = {13930160852258120406u, 11788048577503494824u,
                                             13874630024467741450u, 2513787319205155662u,
                                             16662371453428439381u};
  Random raw(42);
  for (std::uint64_t expected : bits) BOOST_TEST(raw.bits() == expected);

  // u = ⌊x / 2¹¹⌋ 2⁻⁵³: exact, so equal to the last bit.
  const std::array<double, 5> uniforms = {0.755155532954539, 0.6390313938546974, 0.7521452007480266,
                                          0.13627268363243705, 0.9032689664283783};
  Random uniform(42);
  for (double expected : uniforms) BOOST_TEST(uniform.uniform() == expected);

  const std::array<Index, 10> digits = {6, 4, 0, 2, 1, 8, 6, 4, 0, 7};
  Random index(42);
  for (Index expected : digits) BOOST_TEST(index.index(10) == expected);

  // n = 3·2⁶¹: 2⁶⁴ mod n = 2⁶², so the fourth output (2513787319205155662 < 2⁶²) is rejected.
  const std::array<Index, 5> large = {95102796975956694, 4870519549862412968, 39571969185577738,
                                      2827313398146275669, 3681422324597531680};
  Random rejection(42);
  for (Index expected : large) BOOST_TEST(rejection.index(Index{3} << 61) == expected);

  // Marsaglia polar: std::sqrt is exact by IEEE 754 and std::log is the C library's (glibc here,
  // as for the reference): equal to the last bit on this platform.
  const std::array<double, 6> normals = {1.2938204232729367, 0.7049882664208599,
                                         0.3979773961837887, -0.5740948067202614,
                                         1.118555052457478,  -1.9066853448304657};
  Random normal(42);
  for (double expected : normals) BOOST_TEST(normal.normal() == expected);
}

BOOST_AUTO_TEST_CASE(same_seed_same_numbers_and_seed_restarts,
                     *utf::description("two generators with one seed draw the same mixed sequence; "
                                       "seed() restarts it, the spare normal included")) {
  Random a(7), b(7);
  for (int k = 0; k < 1000; ++k) {
    BOOST_TEST(a.normal() == b.normal());
    BOOST_TEST(a.index(13) == b.index(13));
    BOOST_TEST(a.uniform() == b.uniform());
  }
  Random fresh(7);
  const double first = fresh.normal();
  fresh.normal();
  fresh.normal();  // a spare is pending now
  fresh.seed(7);
  BOOST_TEST(fresh.normal() == first);
}

BOOST_AUTO_TEST_CASE(
    integers_are_unbiased,
    *utf::description(
        "index(10) over 100000 draws: Pearson's chi-square with 9 degrees of freedom "
        "stays below 27.88, its 99.9% quantile (a fair generator fails with "
        "probability 0.001 over seeds; this seed is fixed). For n = 3·2⁶¹ plain "
        "x mod n puts 3/8, 3/8, 2/8 of the draws in the thirds of [0, n), a chi-square "
        "near 900 over 30000 draws; rejection keeps it below 13.82 (2 degrees)")) {
  Random random(2024);
  std::vector<long> digits(10, 0);
  for (int k = 0; k < 100000; ++k) ++digits[static_cast<std::size_t>(random.index(10))];
  const double statistic = testing::chi_square(digits);
  BOOST_TEST_INFO("chi-square of index(10) = " << statistic);
  BOOST_TEST(statistic < 27.88);

  // The thirds of [0, n) for n = 3·2⁶¹, with rejection and with the biased x mod n.
  const auto n = std::uint64_t{3} << 61, third = std::uint64_t{1} << 61;
  Random unbiased(2024), biased(2024);
  std::vector<long> fair(3, 0), modulo(3, 0);
  for (int k = 0; k < 30000; ++k) {
    ++fair[static_cast<std::size_t>(static_cast<std::uint64_t>(unbiased.index(Index{3} << 61)) /
                                    third)];
    ++modulo[static_cast<std::size_t>((biased.bits() % n) / third)];
  }
  BOOST_TEST_INFO("thirds with rejection: " << fair[0] << ", " << fair[1] << ", " << fair[2]);
  BOOST_TEST(testing::chi_square(fair) < 13.82);
  BOOST_TEST_INFO("the test can fail: x mod n gives " << modulo[0] << ", " << modulo[1] << ", "
                                                      << modulo[2]);
  BOOST_TEST(testing::chi_square(modulo) > 13.82);
}

BOOST_AUTO_TEST_CASE(uniforms_and_normals_have_their_moments,
                     *utf::description("over 100000 draws: uniform() lies in [0, 1) with mean 1/2 "
                                       "and variance 1/12, normal() has mean 0 and variance 1, "
                                       "each within 4 standard errors")) {
  Random random(11);
  const int draws = 100000;
  double u_sum = 0.0, u_squares = 0.0, z_sum = 0.0, z_squares = 0.0;
  for (int k = 0; k < draws; ++k) {
    const double u = random.uniform();
    BOOST_TEST_REQUIRE((u >= 0.0 && u < 1.0));
    u_sum += u;
    u_squares += u * u;
    const double z = random.normal();
    z_sum += z;
    z_squares += z * z;
  }
  const double u_mean = u_sum / draws, u_variance = u_squares / draws - u_mean * u_mean;
  const double z_mean = z_sum / draws, z_variance = z_squares / draws - z_mean * z_mean;
  // Standard errors: σ/√n for a mean; √((μ₄ − σ⁴)/n) for a variance (μ₄ = 1/80 for the uniform,
  // 3 for the normal).
  const double root_n = std::sqrt(static_cast<double>(draws));
  BOOST_TEST(std::abs(u_mean - 0.5) < 4.0 * std::sqrt(1.0 / 12.0) / root_n);
  BOOST_TEST(std::abs(u_variance - 1.0 / 12.0) <
             4.0 * std::sqrt(1.0 / 80.0 - 1.0 / 144.0) / root_n);
  BOOST_TEST(std::abs(z_mean) < 4.0 / root_n);
  BOOST_TEST(std::abs(z_variance - 1.0) < 4.0 * std::sqrt(2.0) / root_n);
}

BOOST_AUTO_TEST_CASE(bad_input) {
  Random random(1);
  BOOST_CHECK_EXCEPTION(
      random.index(0), std::invalid_argument,
      testing::message_has({"n (the number of integers to draw from) = 0", "expected", ">= 1"}));
  BOOST_CHECK_EXCEPTION(random.index(-3), std::invalid_argument, testing::message_has({"= -3"}));
}

BOOST_AUTO_TEST_SUITE_END()
