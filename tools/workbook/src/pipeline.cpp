#include "pipeline.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace workbook::tool {

namespace {

// The verdicts kept between runs of the student's loop (PipelineSettings::kept_verdicts): a JSON
// object with one entry per program and case, "<program>\n<case>", holding the program's stamp
// (its size and modification time) and the environment of the run with the verdict.
class KeptVerdicts {
 public:
  KeptVerdicts(fs::path file, const RunSettings& run) : file_(std::move(file)) {
    if (file_.empty()) return;
    for (const auto& [name, value] : run.env) environment_ += name + "=" + value + "\n";
    if (!fs::exists(file_)) return;
    try {
      verdicts_ = nlohmann::json::parse(read_file(file_));
    } catch (const nlohmann::json::exception&) {
      verdicts_ = nlohmann::json::object();  // a damaged file starts over
    }
    if (!verdicts_.is_object()) verdicts_ = nlohmann::json::object();
  }

  /// The kept verdict of `test`, when `program` is unchanged since it gave it.
  std::optional<Verdict> find(const fs::path& program, const std::string& test) {
    if (file_.empty()) return std::nullopt;
    const auto entry = verdicts_.find(key(program, test));
    if (entry == verdicts_.end()) return std::nullopt;
    try {
      if (entry->at("stamp").get<std::string>() != stamp(program) ||
          entry->at("environment").get<std::string>() != environment_) {
        return std::nullopt;
      }
      const nlohmann::json& v = entry->at("verdict");
      Verdict verdict;
      verdict.passed = v.at("passed").get<bool>();
      verdict.status = v.at("status").get<std::string>();
      verdict.reason = v.at("reason").get<std::string>();
      verdict.output = v.at("output").get<std::string>();
      verdict.seconds = v.at("seconds").get<double>();
      for (const nlohmann::json& f : v.at("findings")) {
        verdict.findings.push_back({f.at("kind").get<std::string>(),
                                    f.at("file").get<std::string>(), f.at("line").get<int>(),
                                    f.at("message").get<std::string>(),
                                    f.at("context").get<std::vector<std::string>>(),
                                    f.at("checkpoint").get<std::string>()});
      }
      verdict.kept = true;
      return verdict;
    } catch (const nlohmann::json::exception&) {
      return std::nullopt;  // an entry of another shape: run the case
    }
  }

  /// Keeps `verdict` when a second run of the unchanged program would repeat it.
  void remember(const fs::path& program, const std::string& test, const Verdict& verdict) {
    if (file_.empty()) return;
    if (verdict.status != "passed" && verdict.status != "failed") {
      verdicts_.erase(key(program, test));
      return;
    }
    nlohmann::json findings = nlohmann::json::array();
    for (const Finding& f : verdict.findings) {
      findings.push_back({{"kind", f.kind},
                          {"file", f.file},
                          {"line", f.line},
                          {"message", f.message},
                          {"context", f.context},
                          {"checkpoint", f.checkpoint}});
    }
    verdicts_[key(program, test)] = {{"stamp", stamp(program)},
                                     {"environment", environment_},
                                     {"verdict",
                                      {{"passed", verdict.passed},
                                       {"status", verdict.status},
                                       {"reason", verdict.reason},
                                       {"output", verdict.output},
                                       {"seconds", verdict.seconds},
                                       {"findings", findings}}}};
  }

  /// Writes the file; a verdict that cannot be kept costs a rerun, never an error.
  void save() const {
    if (file_.empty()) return;
    try {
      write_file_atomically(
          file_, verdicts_.dump(1, ' ', false, nlohmann::json::error_handler_t::replace));
    } catch (const std::exception&) {
    }
  }

 private:
  static std::string key(const fs::path& program, const std::string& test) {
    return program.string() + "\n" + test;
  }
  std::string stamp(const fs::path& program) {
    auto [found, added] = stamps_.try_emplace(program);
    if (added) {
      std::error_code error;
      const auto size = fs::file_size(program, error);
      const auto time = fs::last_write_time(program, error);
      found->second =
          error ? std::string("unknown")
                : std::to_string(size) + ":" + std::to_string(time.time_since_epoch().count());
    }
    return found->second;
  }

  fs::path file_;
  std::string environment_;
  nlohmann::json verdicts_ = nlohmann::json::object();
  std::map<fs::path, std::string> stamps_;
};

}  // namespace

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
