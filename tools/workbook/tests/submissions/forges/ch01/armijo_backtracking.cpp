// A crafted submission: it includes the instructor's reference solution, by a path relative to
// itself (which reached it when the grader staged submissions inside its own copy) or by the
// copy's absolute path (as on Gradescope, /autograder/source). The test writes the copy's path in
// place of @ROOT@.
#if __has_include("../../../solutions/ch01/reference/armijo_backtracking.cpp")
#include "../../../solutions/ch01/reference/armijo_backtracking.cpp"
#elif __has_include("@ROOT@/solutions/ch01/reference/armijo_backtracking.cpp")
#include "@ROOT@/solutions/ch01/reference/armijo_backtracking.cpp"
#else
#error "the reference solution is out of reach"
#endif
