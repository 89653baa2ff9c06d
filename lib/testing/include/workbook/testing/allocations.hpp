// How many heap allocations a test program has made through operator new (src/allocations.cpp
// replaces it), so that a probe can ask whether a call allocates: a temporary std::vector, say.
#pragma once

namespace workbook::testing {

/// The number of calls of operator new in this program so far.
long heap_allocations();

}  // namespace workbook::testing
