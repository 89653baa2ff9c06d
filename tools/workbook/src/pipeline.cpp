#include "pipeline.hpp"

#include <map>

#include "kept_verdicts.hpp"

namespace workbook::tool {

std::vector<ExerciseResult> run_exercises(const Workbook& workbook,
                                          const std::vector<ExerciseRun>& runs,
                                          const PipelineSettings& settings) {
  // 1. The graded cases of each exercise: its suite in the listing, in the order a reader meets
  // them. A program is asked once, however many exercises it lists.
  std::map<fs::path, std::vector<TestCase>> listings;
  std::vector<std::vector<TestCase>> cases(runs.size());
  for (std::size_t e = 0; e < runs.size(); ++e) {
    const ExerciseRun& run = runs[e];
    auto listed = listings.find(run.listing);
    if (listed == listings.end()) {
      listed = listings.emplace(run.listing, list_cases(run.listing, settings.run)).first;
    }
    for (const TestCase& test : listed->second) {
      if (test.suite == run.exercise->name) cases[e].push_back(test);
    }
    sort_in_file_order(cases[e]);
  }

  // 2. Every case of every exercise that was built, each in its own process, but those whose
  // verdict is kept from an earlier run of the unchanged program.
  KeptVerdicts kept(settings.kept_verdicts, settings.run);
  std::vector<std::vector<std::optional<Verdict>>> by_exercise(runs.size());
  std::vector<bool> settled(runs.size(), false);  // `settings.enough` said so
  std::vector<CaseJob> jobs;
  std::vector<std::pair<std::size_t, std::size_t>> owners;  // (exercise, case)
  for (std::size_t e = 0; e < runs.size(); ++e) {
    by_exercise[e].resize(cases[e].size());
    if (runs[e].state != ExerciseState::graded) continue;
    if (!fs::exists(runs[e].program)) {
      throw Failure("the build did not make " + runs[e].program.string() +
                    " and reported no error");
    }
    const double limit =
        case_time_limit(workbook.chapter_of(*runs[e].exercise), settings.time_limit);
    for (std::size_t c = 0; c < cases[e].size(); ++c) {
      if (std::optional<Verdict> verdict = kept.find(runs[e].program, cases[e][c].path)) {
        if (settings.enough && !settled[e]) settled[e] = settings.enough(e, *verdict);
        by_exercise[e][c] = std::move(verdict);
        continue;
      }
      jobs.push_back({runs[e].program, cases[e][c].path, limit});
      owners.emplace_back(e, c);
    }
  }
  const std::vector<Verdict> verdicts = run_cases(
      jobs, settings.run,
      [&](std::size_t j, const Verdict& verdict) {
        const std::size_t e = owners[j].first;
        if (settings.enough && !settled[e]) settled[e] = settings.enough(e, verdict);
      },
      [&](std::size_t j) { return !settled[owners[j].first]; });
  remove_quietly(settings.run.scratch);
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (verdicts[j].status == "skipped") continue;  // settled by `settings.enough`
    by_exercise[owners[j].first][owners[j].second] = verdicts[j];
    kept.remember(jobs[j].program, jobs[j].path, verdicts[j]);
  }
  kept.save();

  // 3. Points.
  std::vector<ExerciseResult> results;
  for (std::size_t e = 0; e < runs.size(); ++e) {
    ExerciseResult result;
    result.exercise = runs[e].exercise;
    result.state = runs[e].state;
    result.problem = runs[e].problem;
    result.cases =
        score_cases(*runs[e].exercise, cases[e], by_exercise[e], settings.add_declared_hidden);
    if (result.state != ExerciseState::graded) {
      for (CaseResult& c : result.cases) {
        c.verdict.status = result.status();
        c.verdict.reason = "not graded: " + result.problem.substr(0, result.problem.find('\n'));
      }
    }
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace workbook::tool
