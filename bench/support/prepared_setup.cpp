#include "prepared_setup.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace arbor::km::bench {

namespace fs = std::filesystem;

bool prepared_for(const fs::path& setup, const std::string& what) {
  if (fs::exists(setup / "prepared") && slurp(setup / "prepared") == what) return true;
  fs::remove_all(setup);
  fs::create_directories(setup);
  fs::permissions(setup, fs::perms::owner_all);
  return false;
}

void mark_prepared(const fs::path& setup, const std::string& what) { std::ofstream(setup / "prepared") << what; }

void fresh_copy(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  fs::create_directory(to, from);
  for (const auto& entry : fs::directory_iterator(from)) {
    const fs::path target = to / entry.path().filename();
    if (entry.path().extension() == ".kmx") {
      fs::create_hard_link(entry.path(), target);
    } else {
      fs::copy(entry.path(), target, fs::copy_options::recursive);
    }
  }
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace arbor::km::bench
