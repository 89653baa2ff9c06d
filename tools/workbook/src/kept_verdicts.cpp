#include "kept_verdicts.hpp"

#include "util.hpp"

namespace workbook::tool {

KeptVerdicts::KeptVerdicts(fs::path file, const RunSettings& run) : file_(std::move(file)) {
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

std::optional<Verdict> KeptVerdicts::find(const fs::path& program, const std::string& test) {
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
      verdict.findings.push_back({f.at("kind").get<std::string>(), f.at("file").get<std::string>(),
                                  f.at("line").get<int>(), f.at("message").get<std::string>(),
                                  f.at("context").get<std::vector<std::string>>(),
                                  f.at("checkpoint").get<std::string>()});
    }
    verdict.kept = true;
    return verdict;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // an entry of another shape: run the case
  }
}

void KeptVerdicts::remember(const fs::path& program, const std::string& test,
                            const Verdict& verdict) {
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

void KeptVerdicts::save() const {
  if (file_.empty()) return;
  try {
    write_file_atomically(file_,
                          verdicts_.dump(1, ' ', false, nlohmann::json::error_handler_t::replace));
  } catch (const std::exception&) {
  }
}

std::string KeptVerdicts::key(const fs::path& program, const std::string& test) {
  return program.string() + "\n" + test;
}

std::string KeptVerdicts::stamp(const fs::path& program) {
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

}  // namespace workbook::tool
