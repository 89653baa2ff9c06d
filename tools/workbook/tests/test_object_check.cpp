// What a student's compiled exercise may contain (object_check.hpp): an exercise computes with the
// library, the standard library and the maths functions; what could reach around the test
// harness is refused before it runs.
#include <boost/test/unit_test.hpp>

#include "object_check.hpp"
#include "tool_testing.hpp"

using namespace workbook::tool;

BOOST_AUTO_TEST_SUITE(object_check)

BOOST_AUTO_TEST_CASE(an_exercise_may_call_the_library_the_standard_library_and_maths) {
  for (const char* symbol :
       {"sqrt", "exp", "log1p", "powf",
        "cabs",   // std::abs of a std::complex<double>
        "csqrt",  // std::sqrt of a std::complex<double>
        "memcpy@GLIBC_2.14", "malloc", "printf", "exit", "_exit", "abort", "__cxa_throw",
        "_Unwind_Resume", "_Znwm", "_ZdlPvm",
        "_ZN8workbook13require_sizeEPKcll",          // workbook::require_size
        "_ZNSt16invalid_argumentC1EPKc",             // std::invalid_argument
        "_ZSt4cout",                                 // std::cout
        "_ZTVN10__cxxabiv120__si_class_type_infoE",  // a vtable of the runtime
        "_ZNKSt7__cxx1119basic_ostringstreamIcSt11char_traitsIcESaIcEE3strEv",  // ostringstream
        // ostringstream::str() as C++20 declares it, const & (the ref-qualifier R)
        "_ZNKRSt7__cxx1115basic_stringbufIcSt11char_traitsIcESaIcEE3strEv",
        "_ZNSt6chrono3_V212steady_clock3nowEv"}) {  // steady_clock::now
    BOOST_TEST(allowed_reference(symbol), symbol << " should be allowed");
  }
}

BOOST_AUTO_TEST_CASE(files_processes_loading_and_the_harness_are_out_of_reach) {
  for (const char* symbol :
       {"open",
        "open64",
        "fopen",
        "read",
        "write",
        "unlink",
        "fork",
        "vfork",
        "execve",
        "system",
        "popen",
        "kill",
        "setsid",
        "ptrace",
        "prctl",
        "dlopen",
        "dlsym",
        "syscall",
        "mmap",
        "mprotect",
        "socket",
        "chdir",
        "_ZNSt14basic_ofstreamIcSt11char_traitsIcEEC1EPKcSt13_Ios_Openmode",    // std::ofstream
        "_ZNSt13basic_filebufIcSt11char_traitsIcEE4openEPKcSt13_Ios_Openmode",  // filebuf
        "_ZNSt10filesystem6removeERKNS_7__cxx114pathE",  // std::filesystem::remove
        "_ZN5boost9unit_test17results_collectorE",       // Boost.Test's results
        "_Z6helperv"}) {                                 // not the library's, nor std's
    BOOST_TEST(!allowed_reference(symbol), symbol << " should be refused");
  }
}

BOOST_AUTO_TEST_CASE(definitions_may_not_replace_the_c_library_boost_or_std) {
  BOOST_TEST(contains(defined_symbol_problem("close", false), "with C linkage"));
  BOOST_TEST(contains(defined_symbol_problem("read", true), "with C linkage"),
             "a weak definition replaces the C library's just as well");
  BOOST_TEST(contains(defined_symbol_problem("_ZN5boost9unit_test9framework3runEmb", true),
                      "Boost's namespace"));
  BOOST_TEST(contains(defined_symbol_problem("_ZSt9terminatev", false), "standard library"));
  // What exercises define: their functions, their own helpers, the templates they instantiate.
  BOOST_TEST(
      defined_symbol_problem(
          "_ZN8workbook21gradient_descent_stepERN5Eigen6MatrixIdLin1ELi1ELi0ELin1ELi1EEE", false)
          .empty());
  BOOST_TEST(defined_symbol_problem("_Z6helperv", false).empty());
  BOOST_TEST(defined_symbol_problem("_ZNSt6vectorIdSaIdEE9push_backERKd", true).empty());
  BOOST_TEST(defined_symbol_problem("DW.ref.__gxx_personality_v0", true).empty());
}

BOOST_AUTO_TEST_CASE(includes_reach_the_library_the_system_and_the_exercise_folder_only) {
  const fs::path root = "/course/workbook", work = "/tmp/grading/alice";
  const std::vector<fs::path> included = {
      "/usr/include/eigen3/Eigen/Core",
      root / "lib/include/workbook/problem.hpp",
      work / "exercises/ch01/step.cpp",
      root / "solutions/ch01/reference/step.cpp",
      work / "exercises/ch01/../../../../../course/workbook/solutions/ch01/hidden/test.cpp",
      "/home/bob/exercises/ch01/step.cpp"};
  const std::vector<fs::path> forbidden = forbidden_includes(included, root, {work});
  BOOST_TEST_REQUIRE(forbidden.size() == 3u);
  BOOST_TEST(forbidden[0] == root / "solutions/ch01/reference/step.cpp");
  BOOST_TEST(forbidden[1] == root / "solutions/ch01/hidden/test.cpp",
             "a path that climbs out of the exercise's folder is judged where it lands");
  BOOST_TEST(forbidden[2] == fs::path("/home/bob/exercises/ch01/step.cpp"));
}

// Every exercise the instructor's build compiled, reference solutions, stubs and known mistakes,
// passes: the rules refuse attacks, not the workbook's own code.
BOOST_AUTO_TEST_CASE(every_exercise_of_the_workbook_passes) {
  const fs::path build =
      workbook::testing::environment_path("WORKBOOK_TEST_BUILD_DIR", "the build folder");
  std::vector<fs::path> objects;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(build / "solutions/CMakeFiles", error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::path& object = it->path();
    const fs::path target = *fs::relative(object, build / "solutions/CMakeFiles").begin();
    if (object.extension() != ".o" || !starts_with(target.string(), "workbook_ex_")) continue;
    objects.push_back(object);
  }
  // At least one object per exercise: a stubs build compiles the 29 stubs and nothing else.
  BOOST_TEST(objects.size() >= 29u, "only " << objects.size() << " exercise objects in " << build);
  for (const auto& [object, problems] : object_violations(objects)) {
    BOOST_TEST_INFO(object.string() << ":\n" << join(problems, "\n"));
    BOOST_TEST(problems.empty());
  }
}

BOOST_AUTO_TEST_SUITE_END()
