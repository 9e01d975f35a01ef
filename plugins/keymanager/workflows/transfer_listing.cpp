#include "workflows/transfer_listing.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "common/km_error.hpp"
#include "crypto/short_code.hpp"
#include "crypto/thumbprint.hpp"
#include "store/transfer_lock.hpp"
#include "transfer/transfer_reader.hpp"

namespace arbor::km::workflows {
namespace {

namespace fs = std::filesystem;

// Files of the Key Manager itself: never candidates, never opened here (kms.db* only by SQLite).
bool own_file(const store::data_directory& dir, const std::string& name) {
  return name.starts_with("kms.db") || name.starts_with('.') || name.find(".tmp-") != std::string::npos ||
         name == dir.certificate().filename() || name == dir.sealed_server_key().filename() ||
         name == dir.master_key().filename() || name == store::transfer_lock::file_name;
}

bool has_control_character(const std::string& name) {
  return std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// Entries of KMSData looked at, at most: a directory flooded with files costs a bounded scan.
constexpr std::size_t max_entries = 10000;

// The regular files of `root` that may be transfer files, with size and time (lstat: a link is
// not followed).
std::vector<listed_transfer> candidates(const store::data_directory& dir) {
  std::vector<listed_transfer> files;
  std::error_code ec;
  std::size_t seen = 0;
  for (fs::directory_iterator it(dir.root(), ec); !ec && it != fs::directory_iterator() && seen++ < max_entries;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (own_file(dir, name)) continue;
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    listed_transfer file;
    file.name = name;
    file.size = static_cast<std::uintmax_t>(st.st_size);
    file.modified = std::chrono::sys_seconds{std::chrono::seconds{st.st_mtime}};
    files.push_back(std::move(file));
  }
  std::sort(files.begin(), files.end(), [](const listed_transfer& a, const listed_transfer& b) {
    return a.modified != b.modified ? a.modified > b.modified : a.name < b.name;
  });
  return files;
}

}  // namespace

std::vector<listed_transfer> transfer_listing::list(key_manager& kms, const opened_vault& keys) {
  std::vector<listed_transfer> files = candidates(kms.directory());
  found_ = files.size();
  if (files.size() > limits_.max_files) files.resize(limits_.max_files);
  for (listed_transfer& file : files) {
    const auto seen = std::find_if(last_.begin(), last_.end(), [&](const listed_transfer& before) {
      return before.name == file.name && before.size == file.size && before.modified == file.modified;
    });
    if (seen != last_.end())
      file = *seen;
    else
      read(kms, keys, file);
  }
  last_ = files;
  return files;
}

void transfer_listing::read(key_manager& kms, const opened_vault& keys, listed_transfer& file) {
  if (has_control_character(file.name)) {
    file.problem = "the name holds control characters: rename the file";
    return;
  }
  const km::clock& clock = kms.clock();
  try {
    const transfer::transfer_reader reader(kms.directory().root() / file.name, keys.identity(),
                                           [&clock] { return clock.now(); }, {limits_.max_object_bytes});
    const transfer::transfer_source source = reader.preview();
    auto [code, added] = codes_.try_emplace(source.sha256);
    if (added) code->second = crypto::grouped(crypto::short_code(source.certificate));
    file.source_code = code->second;
  } catch (const error& e) {  // one unreadable file never hides the others
    file.problem = e.what();
  }
}

}  // namespace arbor::km::workflows
