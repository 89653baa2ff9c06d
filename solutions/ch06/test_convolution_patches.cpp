// Chapter 6, §6.7: a convolution as one matrix product, Z = K U, with U the patch matrix
// (im2col), and its backward pass through the adjoint (col2im). Exercise: convolution_patches
// (exercises/ch06/convolution_patches.cpp, gather_patches() and scatter_patches()).
//
// The tests probe U with images of a single lit pixel: which kernel entry of which output pixel
// sees it tells the offset a kernel entry reads, so that a flipped kernel or a padding off by
// one is named as such; the backward half is checked by the identity that defines an adjoint,
// ⟨gather(X), U⟩ = ⟨X, scatter(U)⟩, which any scatter that does not add every patch entry back
// breaks.
#include <cmath>
#include <limits>
#include <optional>
#include <tuple>
#include <utility>

#include "workbook/finite_differences.hpp"
#include "workbook/network.hpp"
#include "workbook/testing/literate.hpp"
#include "workbook/testing/network.hpp"
#include "workbook/testing/torch_network.hpp"

using namespace workbook;
using namespace workbook::nn;
using testing::random_matrix;
using testing::shape_of;

namespace {

// p, and H_out × W_out, of a stride-1 convolution (§6.7).
Index padding_of(const PatchGeometry& g) {
  return g.padding == Padding::same ? (g.kernel_size - 1) / 2 : 0;
}
Index output_height(const PatchGeometry& g) {
  return g.image.height + 2 * padding_of(g) - g.kernel_size + 1;
}
Index output_width(const PatchGeometry& g) {
  return g.image.width + 2 * padding_of(g) - g.kernel_size + 1;
}

// "+ 1", "− 2", "+ 0": an offset as the notes write it after h or w.
std::string format_offset(Index offset) {
  return (offset < 0 ? "− " : "+ ") + std::to_string(offset < 0 ? -offset : offset);
}

// The first entry of `m` that is not finite, column by column, or (−1, −1).
std::pair<Index, Index> first_entry_not_finite(const Matrix& m) {
  for (Index c = 0; c < m.cols(); ++c)
    for (Index r = 0; r < m.rows(); ++r)
      if (!std::isfinite(m(r, c))) return {r, c};
  return {-1, -1};
}

std::string describe(const PatchGeometry& g) {
  const std::string k = std::to_string(g.kernel_size);
  return "'" + to_string(g.padding) + "', " + k + "×" + k + " kernel, " + g.image.to_string() +
         " images";
}

// Why U (or ∂L/∂X) does not have its shape, or "".
std::string patch_shape_problem(const PatchGeometry& g, const Matrix& patches, Index batch) {
  const Index k = g.kernel_size, rows = g.image.channels * k * k;
  const Index pixels = output_height(g) * output_width(g);
  if (patches.rows() == rows && patches.cols() == pixels * batch) return "";
  return "U is " + shape_of(patches) + ", expected C k² × H_out W_out B = " + std::to_string(rows) +
         "×" + std::to_string(pixels * batch) + " (" + describe(g) +
         ", B = " + std::to_string(batch) +
         ": H_out × W_out = " + std::to_string(output_height(g)) + " × " +
         std::to_string(output_width(g)) + ")";
}

// Where kernel entry (i, j) of output pixel (h, w) reads, as the offset (y − h, x − w) of the
// pixel (y, x) it copies: found by lighting one pixel of a one-channel image and looking for the
// entry of U that holds it. Empty if no entry (i, j) holds it.
std::optional<std::pair<Index, Index>> offset_read(const PatchGeometry& g, Index i, Index j) {
  const Index y = g.image.height / 2, x = g.image.width / 2;
  Matrix image = Matrix::Zero(g.image.size(), 1);
  image(y * g.image.width + x, 0) = 1.0;
  Matrix patches;
  gather_patches(g, image, patches);
  const Index k = g.kernel_size, width = output_width(g);
  if (!patch_shape_problem(g, patches, 1).empty()) return std::nullopt;
  for (Index q = 0; q < patches.cols(); ++q) {
    if (patches(i * k + j, q) == 1.0) return std::pair{y - q / width, x - q % width};
  }
  return std::nullopt;
}

// How the kernel entries read their pixels, in the notes' words, or "".
std::string reading_problem(const PatchGeometry& g) {
  const Index k = g.kernel_size, p = padding_of(g);
  for (const auto& [i, j] : {std::pair<Index, Index>{0, 0}, {0, k - 1}, {k - 1, 0}}) {
    const auto offset = offset_read(g, i, j);
    const std::string entry = "(" + std::to_string(i) + ", " + std::to_string(j) + ")";
    const std::string expected = "(h " + format_offset(i - p) + ", w " + format_offset(j - p) + ")";
    if (!offset) {
      return describe(g) + ": no patch entry of kernel entry " + entry +
             " holds the lit pixel of a one-pixel image";
    }
    if (offset->first == i - p && offset->second == j - p) continue;
    std::string text = describe(g) + ": kernel entry " + entry +
                       " of output pixel (h, w) reads pixel (h " + format_offset(offset->first) +
                       ", w " + format_offset(offset->second) + "), expected " + expected;
    if (offset->first == k - 1 - i - p && offset->second == k - 1 - j - p) {
      text +=
          ": the kernel is flipped, a convolution in the mathematical sense; torch's "
          "Conv2d, and this layer, compute a cross-correlation";
    } else if (offset->first - (i - p) == offset->second - (j - p)) {
      text +=
          ": every entry is shifted by " + std::to_string(offset->first - (i - p)) +
          " pixel(s), as if the padding were p = " + std::to_string(p - (offset->first - (i - p))) +
          " instead of " + std::to_string(p);
    }
    return text;
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(convolution_patches)

BOOST_AUTO_TEST_CASE(one_column_per_output_pixel,
                     *utf::description("§6.7: U has C k² rows and one column per output pixel of "
                                       "every example: H_out = H + 2p − k + 1 with p = 0 ('valid') "
                                       "or (k − 1)/2 ('same')")) {
  Random random(1);
  for (const PatchGeometry& g :
       {PatchGeometry{{2, 6, 5}, 3, Padding::valid}, PatchGeometry{{1, 5, 5}, 5, Padding::valid},
        PatchGeometry{{3, 5, 6}, 3, Padding::same}, PatchGeometry{{2, 6, 7}, 5, Padding::same},
        PatchGeometry{{2, 4, 3}, 1, Padding::valid}}) {
    Matrix patches;
    gather_patches(g, random_matrix(g.image.size(), 3, random), patches);
    const std::string why = patch_shape_problem(g, patches, 3);
    BOOST_TEST_INFO(why);
    BOOST_TEST(why.empty());
  }
}

BOOST_AUTO_TEST_CASE(
    each_kernel_entry_reads_its_pixel,
    *utf::description("§6.7: kernel entry (c, i, j) of output pixel (h, w) reads "
                      "pixel (c, h + i − p, w + j − p), torch's cross-correlation: "
                      "probed with images of one lit pixel")) {
  for (const PatchGeometry& g :
       {PatchGeometry{{1, 7, 7}, 3, Padding::valid}, PatchGeometry{{1, 7, 7}, 3, Padding::same},
        PatchGeometry{{1, 9, 8}, 5, Padding::same}}) {
    const std::string why = reading_problem(g);
    BOOST_TEST_INFO(why);
    BOOST_TEST(why.empty());
  }
}

BOOST_AUTO_TEST_CASE(the_padding_is_zeros,
                     *utf::description("§6.7: with 'same' padding the entries of U that fall "
                                       "outside the image are 0, whatever U held before: an image "
                                       "of ones gives ones inside and zeros on the padding")) {
  const PatchGeometry g{{2, 4, 5}, 3, Padding::same};
  const Matrix ones = Matrix::Ones(g.image.size(), 2);
  const Index columns = output_height(g) * output_width(g) * 2;
  Matrix patches = Matrix::Constant(18, columns, std::numeric_limits<double>::quiet_NaN());
  gather_patches(g, ones, patches);
  const std::string shape = patch_shape_problem(g, patches, 2);
  BOOST_TEST_REQUIRE(shape.empty(), shape);
  const auto unwritten = first_entry_not_finite(patches);
  BOOST_TEST_INFO("U(" << unwritten.first << ", " << unwritten.second
                       << ") still holds the NaN it held before the call: write every entry, a "
                          "0 where the kernel lies on the padding");
  BOOST_TEST(patches.allFinite());
  // Border pixels: a 4×5 image has 4·5 positions, each kernel entry off the centre misses some.
  // Count the zeros: for each (i, j), the output pixels whose (h + i − 1, w + j − 1) is outside.
  Index zeros = 0;
  for (Index i = 0; i < 3; ++i)
    for (Index j = 0; j < 3; ++j)
      for (Index h = 0; h < 4; ++h)
        for (Index w = 0; w < 5; ++w)
          if (h + i - 1 < 0 || h + i - 1 >= 4 || w + j - 1 < 0 || w + j - 1 >= 5) ++zeros;
  const Index counted = (patches.array() == 0.0).count();
  BOOST_TEST_INFO("U holds " << counted << " zeros for an image of ones, expected " << zeros * 2 * 2
                             << " (2 channels, 2 examples): one per kernel entry on the padding");
  BOOST_TEST(counted == zeros * 2 * 2);
  BOOST_TEST(((patches.array() == 0.0) || (patches.array() == 1.0)).all());
}

BOOST_AUTO_TEST_CASE(scatter_is_the_adjoint_of_gather,
                     *utf::description("§6.7: ⟨gather(X), U⟩ = ⟨X, scatter(U)⟩ for every X and U, "
                                       "the identity that makes scatter the backward pass of "
                                       "gather; scatter overwrites what ∂L/∂X held")) {
  Random random(4);
  for (const PatchGeometry& g :
       {PatchGeometry{{2, 5, 6}, 3, Padding::valid}, PatchGeometry{{3, 6, 5}, 3, Padding::same},
        PatchGeometry{{1, 7, 7}, 5, Padding::same}}) {
    const Matrix x = random_matrix(g.image.size(), 3, random);
    Matrix gathered;
    gather_patches(g, x, gathered);
    BOOST_TEST_REQUIRE(patch_shape_problem(g, gathered, 3).empty(),
                       patch_shape_problem(g, gathered, 3));
    const Matrix u = random_matrix(gathered.rows(), gathered.cols(), random);
    Matrix scattered =
        Matrix::Constant(g.image.size(), 3, std::numeric_limits<double>::quiet_NaN());
    scatter_patches(g, u, scattered);
    if (scattered.rows() != g.image.size() || scattered.cols() != 3) {
      BOOST_ERROR(describe(g) << ": ∂L/∂X is " << shape_of(scattered)
                              << ", expected C H W × B = " << g.image.size() << "×3");
      continue;
    }
    BOOST_TEST_INFO(describe(g) << ": ∂L/∂X holds NaN: it still holds what it held before the "
                                   "call; start from zero");
    BOOST_TEST(scattered.allFinite());
    const double left = gathered.cwiseProduct(u).sum(), right = x.cwiseProduct(scattered).sum();
    BOOST_TEST_INFO(describe(g) << ": ⟨gather(X), U⟩ = " << left
                                << " but ⟨X, scatter(U)⟩ = " << right
                                << ": a pixel that lies in several patches must receive the sum "
                                   "of all their entries (add, do not assign), and scatter must "
                                   "read the same places gather writes");
    BOOST_TEST(right == left, tt::tolerance(1e-12));
  }
}

BOOST_AUTO_TEST_CASE(conv2d_is_torch_conv2d,
                     *utf::description("Conv2D(2→3, 3×3, valid) on 6×5 images, Conv2D(3→2, 3×3, "
                                       "same) on 5×6 and Conv2D(2→4, 5×5, same) on 6×7 are "
                                       "torch's nn.Conv2d: outputs and gradients to 1e-10")) {
  namespace golden = testing::torch_golden;
  const std::string hint = "a cross-correlation; θ holds the (out, in, k, k) weight row-major";
  for (const auto& [name, input, layer] :
       {std::tuple<std::string, Shape, Conv2D>{"conv_valid", {2, 6, 5}, {2, 3, 3, Padding::valid}},
        {"conv_same", {3, 5, 6}, {3, 2, 3, Padding::same}},
        {"conv_same_k5", {2, 6, 7}, {2, 4, 5, Padding::same}}}) {
    try {
      Network network = golden::single(input, layer);
      golden::check_layer(name, network,
                          {{"output", hint}, {"input_gradient", "scatter adds every patch entry"}});
    } catch (const std::logic_error& e) {
      BOOST_ERROR(name << ": " << e.what());
    }
  }
}

BOOST_AUTO_TEST_CASE(same_convolution_commutes_with_shifts,
                     *utf::description("§6.7, equivariance: shifting the image by (1, 2) pixels "
                                       "shifts a 'same' convolution's output by (1, 2), wherever "
                                       "the padding is not involved")) {
  Random random(12);
  const Shape shape{2, 9, 10};
  Network network(shape);
  network.add(Conv2D(2, 3, 3, Padding::same));
  network.parameters() = testing::random_vector(network.parameter_count(), random, 0.5);
  const Matrix x = random_matrix(shape.size(), 1, random);
  // x'(c, h, w) = x(c, h − 1, w − 2), zeros where that is outside the image.
  const Index dy = 1, dx = 2;
  Matrix shifted = Matrix::Zero(shape.size(), 1);
  for (Index c = 0; c < 2; ++c)
    for (Index i = dy; i < 9; ++i)
      for (Index j = dx; j < 10; ++j)
        shifted((c * 9 + i) * 10 + j, 0) = x((c * 9 + i - dy) * 10 + j - dx, 0);
  const Matrix y = network.forward(x);
  const Matrix y_shifted = network.forward(shifted);
  // Away from the border: both windows lie inside the image and inside the shifted content.
  const Index p = 1;
  double worst = 0.0;
  for (Index o = 0; o < 3; ++o)
    for (Index i = p + dy; i < 9 - p; ++i)
      for (Index j = p + dx; j < 10 - p; ++j)
        worst = std::max(worst, std::abs(y_shifted((o * 9 + i) * 10 + j, 0) -
                                         y((o * 9 + i - dy) * 10 + j - dx, 0)));
  BOOST_TEST_INFO(
      "conv(shift(x)) − shift(conv(x)) = " << worst << " inside: is a height mixed with a width?");
  BOOST_TEST(worst <= 1e-14);
}

BOOST_AUTO_TEST_SUITE_END()
