// workbook gradescope: the instructor's copy as a Gradescope autograder. Gradescope unpacks the
// zip into /autograder/source and runs its setup.sh once, as root, when it builds the autograder's
// image; then, for each submission (the student's files in /autograder/submission), it runs
// /autograder/run_autograder (a copy of the zip's) and shows /autograder/results/results.json.
// The zip's root is the workbook's root, with setup.sh and run_autograder beside it.
#include <algorithm>
#include <iostream>

#include "commands.hpp"
#include "process.hpp"

namespace workbook::tool {

namespace {

// `text` as one word of a shell script: single-quoted.
std::string shell_quote(const std::string& text) {
  return "'" + replace_all(text, "'", "'\\''") + "'";
}

// Installs the Debian packages (scripts/setup: nothing when all are present) and builds, in the
// copy's build/, the tool and what a grading imports from the instructor's build: each submission
// then compiles its own files only.
const char* const setup_script = R"script(#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder (written by
# `workbook gradescope`): it installs the Debian packages the workbook needs (scripts/setup;
# nothing when all are present) and builds, in build/ (the default preset, with ccache), the
# `workbook` tool and what grading takes from the instructor's build: the library, the compiled
# tests and the reference solutions. Each submission then compiles only the student's files.
# AUTOGRADER_ROOT (default /autograder) is the folder Gradescope lays out: source/ holds this copy.
set -euo pipefail
root=${AUTOGRADER_ROOT:-/autograder}
workbook="$root/source"
cd "$workbook"
bash scripts/setup
cmake --preset default
# The target that builds what grading needs, as the build's index names it.
reader=$(mktemp)
trap 'rm -f "$reader"' EXIT
cat >"$reader" <<'EOF'
file(READ "${index}" text)
string(JSON target GET "${text}" grading target)
execute_process(COMMAND "${CMAKE_COMMAND}" -E echo "${target}")
EOF
target=$(cmake -D "index=$workbook/build/workbook_index.json" -P "$reader")
cmake --build build --target workbook_tool "$target"
echo "setup.sh: built workbook_tool and $target in $workbook/build"
)script";

// Grades one submission. When grading does not complete, results.json says so, with no score.
const char* const run_autograder_script = R"script(#!/usr/bin/env bash
# Gradescope runs this for each submission (written by `workbook gradescope`): it grades the
# student's files in $AUTOGRADER_ROOT/submission with the instructor's copy in
# $AUTOGRADER_ROOT/source, into $AUTOGRADER_ROOT/results/results.json (AUTOGRADER_ROOT: default
# /autograder). What the grader prints goes to stdout, which Gradescope shows the instructor.
# When grading does not complete, results.json says so and why, with no score (without a
# results.json, Gradescope would show the student nothing), and the script still exits with 0 so
# that Gradescope shows it.
set -euo pipefail
root=${AUTOGRADER_ROOT:-/autograder}
workbook="$root/source"
results="$root/results"
course_url=@COURSE_URL@

mkdir -p "$results"
rm -f "$results/results.json"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
options=(--out "$results")
if [[ -n "$course_url" ]]; then options+=(--course-url "$course_url"); fi

set +e
(cd "$workbook" && sh ./workbook grade "$root/submission" "${options[@]}") 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [[ $status -eq 0 && -s "$results/results.json" ]]; then
  exit 0
fi

# $1 as a JSON string.
json_string() {
  local text=$1
  text=${text//\\/\\\\}
  text=${text//\"/\\\"}
  text=${text//$'\t'/\\t}
  text=${text//$'\n'/\\n}
  text=$(printf '%s' "$text" | LC_ALL=C tr -d '\000-\037\177')
  printf '"%s"' "$text"
}

# The grader's last message: its lines from the first of the last run of lines that start with
# "workbook: ".
message=$(awk '/^workbook: / && !last { m = ""; on = 1 } on { m = m (m == "" ? "" : "\n") $0 }
               { last = /^workbook: / } END { print m }' "$log")
message=${message#workbook: }
# Exit status 2 with a message of the grader's: nothing in the submission could be graded.
if [[ $status -eq 2 && -n "$message" ]]; then
  kind="not graded"
  output="This submission was not graded: $message"
else
  kind="grading failed"
  if [[ $status -eq 0 ]]; then
    reason="the grader wrote no results.json"
  else
    reason=${message%%$'\n'*}
    reason=${reason:-$(tail -n 1 "$log")}
    reason=${reason:-exit status $status}
  fi
  output="Grading failed, through no fault of this submission: the autograder could not grade it"
  output+=" ($reason). It has no score yet: the instructor sees the details and will grade it again."
fi
printf '{\n  "output": %s,\n  "tests": [],\n  "extra_data": {"graded": false, "status": %s, "exit_status": %d}\n}\n' \
  "$(json_string "$output")" "$(json_string "$kind")" "$status" >"$results/results.json"
echo "run_autograder: $kind (exit status $status): results.json says so, with no score" >&2
)script";

void write_script(const fs::path& file, const std::string& text) {
  write_file_atomically(file, text);
  fs::permissions(file, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
}

}  // namespace

int gradescope_command(const fs::path& root, const GradescopeCommand& options) {
  if (options.out.empty()) throw BadInput("gradescope needs --out FILE.zip");
  const fs::path out = fs::absolute(options.out).lexically_normal();
  std::error_code error;
  if (fs::is_directory(out, error)) {
    throw BadInput("--out '" + options.out +
                   "' is a folder: expected the name of a zip file to write, e.g. "
                   "--out autograder.zip");
  }
  if (out.extension() != ".zip" || out.stem().empty()) {
    throw BadInput("--out '" + options.out +
                   "' is not the name of a .zip file: expected the zip to write, e.g. "
                   "--out autograder.zip");
  }
  if (fs::exists(fs::symlink_status(out, error)) && !fs::is_regular_file(out, error)) {
    throw BadInput("--out '" + options.out +
                   "' exists and is not a regular file: expected the name of a zip file to write");
  }
  const Workbook workbook = Workbook::load(root);
  workbook.require_instructor_copy("gradescope");
  const InstructorFiles copy = instructor_copy_files(workbook.root());
  for (const char* script : {"setup.sh", "run_autograder"}) {
    for (const fs::path& file : copy.files) {
      if (file == script) {
        throw BadInput("the workbook has a file " + std::string(script) +
                       " at its root, where the autograder's own goes: rename it");
      }
    }
  }

  // The package is staged in a folder next to the zip, zipped next to it, and renamed to it.
  fs::create_directories(out.parent_path());
  const std::string partial = "." + out.filename().string() + ".partial-";
  const fs::path staging = out.parent_path() / (partial + random_hex(8));
  const fs::path zip = fs::path(staging.string() + ".zip");
  RemovedAtScopeExit remove_staging{staging}, remove_zip{zip};
  // The zip itself may lie inside the workbook (outside a git checkout, nothing else keeps it out).
  const fs::path out_in_root = out.lexically_relative(workbook.root());
  std::size_t copied = 0;
  for (const fs::path& file : copy.files) {
    if (file == out_in_root || starts_with(file.begin()->string(), partial)) continue;
    fs::create_directories((staging / file).parent_path());
    fs::copy_file(workbook.root() / file, staging / file, fs::copy_options::overwrite_existing);
    fs::permissions(staging / file, fs::status(workbook.root() / file).permissions());
    ++copied;
  }
  write_script(staging / "setup.sh", setup_script);
  write_script(staging / "run_autograder",
               replace_all(run_autograder_script, "@COURSE_URL@", shell_quote(options.course_url)));

  Command tar;
  tar.argv = {"cmake", "-E", "tar", "cf", zip.string(), "--format=zip", "--"};
  std::vector<std::string> entries;
  for (const auto& entry : fs::directory_iterator(staging)) {
    entries.push_back(entry.path().filename().string());
  }
  std::sort(entries.begin(), entries.end());
  tar.argv.insert(tar.argv.end(), entries.begin(), entries.end());
  tar.cwd = staging;
  tar.limits.wall_seconds = 600;
  const Captured zipped = run_captured(tar);
  if (!zipped.outcome.succeeded() || !fs::is_regular_file(zip)) {
    throw Failure("writing the zip with cmake -E tar failed (" + zipped.outcome.describe() +
                  "):\n" + first_lines(zipped.output, 10));
  }
  fs::rename(zip, out);
  remove_zip.folder.clear();

  const double megabytes = static_cast<double>(fs::file_size(out)) / (1 << 20);
  std::cout << "Gradescope autograder in " << display_path(out, fs::current_path()) << " ("
            << format_points(megabytes) << " MB): setup.sh, run_autograder and the instructor's "
            << "copy, " << copied << " files";
  if (copy.untracked > 0) {
    std::cout << " (left out: " << copy.untracked << (copy.untracked == 1 ? " file" : " files")
              << " git does not track; commit them to include them)";
  }
  std::cout << ".\nUpload it as the assignment's autograder: setup.sh installs the Debian "
               "packages and builds what grading needs, once; run_autograder grades each "
               "submission into results.json";
  if (!options.course_url.empty()) std::cout << ", its feedback linking to " << options.course_url;
  std::cout << ".\n";
  return 0;
}

}  // namespace workbook::tool
