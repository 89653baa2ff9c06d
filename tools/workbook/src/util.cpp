#include "util.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <system_error>
#include <thread>

namespace workbook::tool {

std::string read_file(const fs::path& file, std::size_t limit) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::string content;
  if (limit == std::string::npos) {
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }
  content.resize(limit);
  in.read(content.data(), static_cast<std::streamsize>(limit));
  content.resize(static_cast<std::size_t>(in.gcount()));
  return content;
}

void write_file_atomically(const fs::path& file, std::string_view content) {
  const fs::path temporary =
      file.parent_path() / ("." + file.filename().string() + ".partial-" + random_hex(8));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      remove_quietly(temporary);
      throw Failure("cannot write " + file.string());
    }
  }
  std::error_code error;
  fs::rename(temporary, file, error);
  if (error) {
    remove_quietly(temporary);
    throw Failure("cannot write " + file.string() + ": " + error.message());
  }
}

std::string random_hex(std::size_t length) {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char digits[] = "0123456789abcdef";
  std::string text(length, '0');
  for (char& c : text) c = digits[generator() % 16];
  return text;
}

fs::path make_unique_directory(const fs::path& parent, std::string_view prefix) {
  fs::create_directories(parent);
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = parent / (std::string(prefix) + random_hex(8));
    if (fs::create_directory(candidate)) return candidate;
  }
  throw Failure("cannot create a fresh folder in " + parent.string());
}

fs::path fresh_build_folder(const fs::path& root, std::string_view name) {
  return make_unique_directory(root, "build-" + std::string(name) + "-");
}

void remove_quietly(const fs::path& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

unsigned default_jobs() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

fs::path find_program(std::string_view program, std::string_view search_path) {
  if (program.empty() || program.find('/') != std::string_view::npos) return {};
  std::string_view folders = search_path;
  while (true) {
    const std::size_t colon = folders.find(':');
    // POSIX reads an empty entry as the current folder; so does this, but only when PATH says so.
    const std::string_view folder = folders.substr(0, colon);
    const fs::path candidate = fs::path(folder.empty() ? "." : folder) / program;
    std::error_code error;
    if (fs::is_regular_file(candidate, error) && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    if (colon == std::string_view::npos) break;
    folders.remove_prefix(colon + 1);
  }
  return {};
}

namespace {

// What a program started without PATH searches (glibc's confstr(_CS_PATH) adds /usr/local/bin).
std::string default_search_path() {
  return "/usr/local/bin:/usr/bin:/bin";
}

}  // namespace

fs::path find_program(std::string_view program) {
  const char* path = std::getenv("PATH");
  return find_program(program, path != nullptr ? std::string(path) : default_search_path());
}

std::string search_path_of(const std::vector<std::string>& environment) {
  for (const std::string& entry : environment) {
    if (starts_with(entry, "PATH=")) return entry.substr(5);
  }
  return default_search_path();
}

std::string how_to_install(std::string_view program) {
  static const std::map<std::string, std::string, std::less<>> packages = {
      {"cmake", "cmake"},       {"ctest", "cmake"},
      {"ninja", "ninja-build"}, {"ccache", "ccache"},
      {"git", "git"},           {"g++", "g++"},
      {"c++", "g++"},           {"gnuplot", "gnuplot-nox"},
      {"doxygen", "doxygen"},   {"timeout", "coreutils"},
      {"bwrap", "bubblewrap"},  {"readelf", "binutils"},
      {"objdump", "binutils"}};
  const auto found = packages.find(program);
  const std::string package =
      found != packages.end() ? "Debian's package " + found->second : "its Debian package";
  return "install " + package + " (scripts/setup installs everything the workbook needs)";
}

fs::path self_executable() {
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error) throw Failure("cannot find the path of the running program: " + error.message());
  return self;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += separator;
    joined += parts[i];
  }
  return joined;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  if (from.empty()) return text;
  std::size_t at = 0;
  while ((at = text.find(from, at)) != std::string::npos) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::string first_lines(std::string_view text, std::size_t max_lines) {
  const std::vector<std::string> lines = split_lines(text);
  std::vector<std::string> kept(
      lines.begin(), lines.begin() + static_cast<long>(std::min(max_lines, lines.size())));
  std::string result = join(kept, "\n");
  if (lines.size() > max_lines) {
    result += "\n[... " + std::to_string(lines.size() - max_lines) + " more lines]";
  }
  return result;
}

std::string format_points(double points) {
  const double rounded = std::round(points * 100.0) / 100.0;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", rounded);
  std::string text = buffer;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

std::string format_seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f s", seconds);
  return buffer;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;  // count the first byte of each code point
  }
  return width;
}

std::string pad(std::string_view text, std::size_t width) {
  std::string padded(text);
  const std::size_t have = display_width(text);
  if (have < width) padded.append(width - have, ' ');
  return padded;
}

namespace {

// Copies `text` replacing each byte that does not belong to valid UTF-8 with U+FFFD, and
// dropping control characters other than tab and newline (XML cannot carry them).
std::string clean_text(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (c < 0x80) {
      if (c >= 0x20 || c == '\n' || c == '\t') clean += static_cast<char>(c);
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0 && c >= 0xC2)
      length = 2;
    else if ((c & 0xF0) == 0xE0)
      length = 3;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
      length = 4;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (valid) {
      clean.append(text.substr(i, length));
      i += length;
    } else {
      clean += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return clean;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string escaped;
  for (char c : clean_text(text)) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string xml_escape(std::string_view text) {
  return html_escape(text);
}

std::string ecmascript_from_cmake_regex(std::string_view regex) {
  std::string converted;
  for (std::size_t i = 0; i < regex.size(); ++i) {
    if (regex[i] == '\\' && i + 1 < regex.size()) {
      converted += regex.substr(i, 2);
      ++i;
    } else if (regex[i] == '{' || regex[i] == '}') {
      converted += '\\';
      converted += regex[i];
    } else {
      converted += regex[i];
    }
  }
  return converted;
}

std::string display_path(const fs::path& path, const fs::path& base) {
  std::error_code error;
  const fs::path absolute = fs::weakly_canonical(path, error);
  const fs::path root = fs::weakly_canonical(base, error);
  const fs::path relative = absolute.lexically_relative(root);
  if (!relative.empty() && !starts_with(relative.string(), "..")) return relative.string();
  return path.string();
}

}  // namespace workbook::tool
