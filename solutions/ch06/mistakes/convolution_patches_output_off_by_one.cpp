// Known mistake: the output size H + 2p − k, one pixel short in each direction.
// reference solution.
#include "workbook/network.hpp"

namespace {

// The sizes of a stride-1 convolution: p zeros on every side, H_out = H + 2p − k + 1.
struct PatchSizes {
  workbook::Index k, p, rows, height, width;
};

PatchSizes patch_sizes(const workbook::nn::PatchGeometry& g) {
  const workbook::Index k = g.kernel_size;
  const workbook::Index p = g.padding == workbook::nn::Padding::same ? (k - 1) / 2 : 0;
  return {k, p, g.image.channels * k * k, g.image.height + 2 * p - k, g.image.width + 2 * p - k};
}

// Calls visit(r, q, pixel) for row r of patch column q of one example and the input row `pixel`
// it copies, or pixel = −1 where the patch lies on the padding.
template <class Visit>
void for_each_patch_entry(const workbook::nn::PatchGeometry& g, const PatchSizes& s,
                          Visit&& visit) {
  const workbook::Index image_height = g.image.height, image_width = g.image.width;
  for (workbook::Index h = 0; h < s.height; ++h) {
    for (workbook::Index w = 0; w < s.width; ++w) {
      const workbook::Index q = h * s.width + w;
      for (workbook::Index c = 0; c < g.image.channels; ++c) {
        for (workbook::Index i = 0; i < s.k; ++i) {
          for (workbook::Index j = 0; j < s.k; ++j) {
            // Kernel entry (i, j) multiplies pixel (h + i − p, w + j − p): a cross-correlation,
            // as torch's Conv2d, not a flipped kernel.
            const workbook::Index y = h + i - s.p, x = w + j - s.p;
            const bool inside = y >= 0 && y < image_height && x >= 0 && x < image_width;
            visit((c * s.k + i) * s.k + j, q,
                  inside ? (c * image_height + y) * image_width + x : workbook::Index{-1});
          }
        }
      }
    }
  }
}

}  // namespace

void workbook::nn::gather_patches(const PatchGeometry& geometry, const Matrix& images,
                                  Matrix& patches) {
  const PatchSizes s = patch_sizes(geometry);
  const Index pixels = s.height * s.width, batch = images.cols();
  patches.resize(s.rows, pixels * batch);
  for (Index b = 0; b < batch; ++b) {
    for_each_patch_entry(geometry, s, [&](Index r, Index q, Index pixel) {
      patches(r, q + pixels * b) = pixel >= 0 ? images(pixel, b) : 0.0;
    });
  }
}

void workbook::nn::scatter_patches(const PatchGeometry& geometry, const Matrix& patch_gradient,
                                   Matrix& image_gradient) {
  const PatchSizes s = patch_sizes(geometry);
  const Index pixels = s.height * s.width, batch = patch_gradient.cols() / pixels;
  // A pixel sits in up to k² patches: its gradient is the sum of theirs (the transpose of a copy
  // adds), so start from zero and add.
  image_gradient.setZero(geometry.image.size(), batch);
  for (Index b = 0; b < batch; ++b) {
    for_each_patch_entry(geometry, s, [&](Index r, Index q, Index pixel) {
      if (pixel >= 0) image_gradient(pixel, b) += patch_gradient(r, q + pixels * b);
    });
  }
}
