// The count of heap allocations through operator new, for the probes that ask whether a step makes
// a temporary container (probes.hpp, allocation_by()). Eigen's own allocations are measured by
// EIGEN_RUNTIME_NO_MALLOC; a std::vector, a std::string or a std::function made inside a step
// allocates through operator new, which this file replaces in every test program that links it.
// Every form but the aligned ones is replaced, so that each allocation is freed by its own kind
// (AddressSanitizer checks it). Not in a file compiled under AddressSanitizer, whose own operators
// come first: there the count stays 0.
#include <atomic>
#include <cstdlib>
#include <new>

#include "workbook/testing/allocations.hpp"

namespace {
std::atomic<long> allocations{0};
}  // namespace

long workbook::testing::heap_allocations() {
  return allocations.load(std::memory_order_relaxed);
}

#if defined(__SANITIZE_ADDRESS__)

bool workbook::testing::counts_heap_allocations() {
  return false;
}

#else

bool workbook::testing::counts_heap_allocations() {
  return true;
}

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  return ::operator new(size);
}
// The nothrow forms too, so that every allocation that the deletes below free is made here.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& nothrow) noexcept {
  return ::operator new(size, nothrow);
}
void operator delete(void* memory, const std::nothrow_t&) noexcept {
  std::free(memory);
}
void operator delete[](void* memory, const std::nothrow_t&) noexcept {
  std::free(memory);
}
void operator delete(void* memory) noexcept {
  std::free(memory);
}
void operator delete[](void* memory) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
  std::free(memory);
}
void operator delete[](void* memory, std::size_t) noexcept {
  std::free(memory);
}

#endif
