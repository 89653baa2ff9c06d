// Chapter 2, §2.2, a case the student edition does not show: many epochs of a larger set.
#include <algorithm>
#include <numeric>

#include "workbook/sampling.hpp"
#include "workbook/testing/literate.hpp"

using namespace workbook;

BOOST_AUTO_TEST_SUITE(epoch_sampler)

BOOST_AUTO_TEST_CASE(many_epochs_of_a_large_set,
                     *utf::description("§2.2: N = 1000, B = 32: 5 epochs of 32 batches (the "
                                       "last of 8), each example once per epoch, every epoch a "
                                       "new order")) {
  ShuffledSampler sampler(1000, {.batch_size = 32, .drop_last = false, .seed = 2024});
  BOOST_TEST(sampler.batches_per_epoch() == 32);
  std::vector<Index> previous;
  for (long epoch = 1; epoch <= 5; ++epoch) {
    std::vector<Index> order;
    for (int k = 0; k < 32; ++k) {
      const std::vector<Index>& batch = sampler.next_batch();
      BOOST_TEST_REQUIRE(batch.size() == (k < 31 ? 32u : 8u),
                         "epoch " << epoch << ", batch " << k + 1 << " has " << batch.size()
                                  << " examples; an epoch of N = 1000 in batches of 32 is 31 "
                                     "batches of 32 and a last one of 8");
      order.insert(order.end(), batch.begin(), batch.end());
    }
    BOOST_TEST_REQUIRE(sampler.end_of_epoch(),
                       "epoch " << epoch << " did not end after 32 batches");
    BOOST_TEST(order != previous, "epoch " << epoch << " repeats the order of the one before");
    previous = order;
    std::sort(order.begin(), order.end());
    std::vector<Index> all(1000);
    std::iota(all.begin(), all.end(), Index{0});
    BOOST_TEST_REQUIRE(order == all, "epoch " << epoch << " does not hold each example once");
  }
  BOOST_TEST(sampler.examples_seen() == 5000);
}

BOOST_AUTO_TEST_SUITE_END()
