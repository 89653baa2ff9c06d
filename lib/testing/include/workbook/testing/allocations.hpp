// How many heap allocations a test program has made through operator new (src/allocations.cpp
// replaces it), so that a probe can ask whether a call allocates: a temporary std::vector, say.
#pragma once

namespace workbook::testing {

/// The number of calls of operator new in this program so far (0 where they are not counted).
long heap_allocations();
/// Whether heap_allocations() counts: not under AddressSanitizer, whose operator new comes first.
bool counts_heap_allocations();

}  // namespace workbook::testing
