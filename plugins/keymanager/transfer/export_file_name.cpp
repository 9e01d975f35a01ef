#include "transfer/export_file_name.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <span>

#include <arbor/sdk/display_text.hpp>

#include "common/km_error.hpp"
#include "store/transfers.hpp"
#include "transfer/der_cursor.hpp"

namespace arbor::km::transfer {
namespace {

namespace fs = std::filesystem;

// common/staged_file's temporary names: "<final name>.tmp-" and 16 hex digits.
constexpr std::string_view temporary_marker = ".tmp-";

bool is_temporary_name(std::string_view name) {
  const auto at = name.rfind(temporary_marker);
  if (at == std::string_view::npos || at == 0) return false;
  const auto suffix = name.substr(at + temporary_marker.size());
  return suffix.size() == 16 && std::all_of(suffix.begin(), suffix.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// DER of the OBJECT IDENTIFIER id-ct-authEnvelopedData (1.2.840.113549.1.9.16.1.23), tag and
// length included.
constexpr std::array<std::uint8_t, 13> auth_enveloped_oid = {0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                                             0x0d, 0x01, 0x09, 0x10, 0x01, 0x17};

// Whether the file starts like a transfer file: a ContentInfo SEQUENCE whose content type is
// AuthEnvelopedData. Reads 64 bytes; anything unreadable is simply not one.
bool starts_like_transfer_file(const fs::path& path) {
  std::array<std::uint8_t, 64> head{};
  std::ifstream in(path, std::ios::binary);
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  const auto got = std::span<const std::uint8_t>(head.data(), static_cast<std::size_t>(in.gcount()));
  try {
    const auto outer = parse_der_header(got);
    if (!outer || outer->tag != der_tag::sequence) return false;
    const auto rest = got.subspan(outer->header_size);
    return rest.size() >= auth_enveloped_oid.size() &&
           std::equal(auth_enveloped_oid.begin(), auth_enveloped_oid.end(), rest.begin());
  } catch (const error&) {
    return false;
  }
}

// The longest name the staged writer can create in `data_dir`: the file system's limit less the
// temporary suffix, ".tmp-" and 16 hex digits, that the file carries until it is complete.
std::size_t longest_export_name(const fs::path& data_dir) {
  errno = 0;
  const long name_max = ::pathconf(data_dir.c_str(), _PC_NAME_MAX);
  constexpr std::size_t posix_name_max = 255;  // unknown limit: the common one
  const std::size_t limit = name_max > 0 ? static_cast<std::size_t>(name_max) : posix_name_max;
  const std::size_t suffix = temporary_marker.size() + 16;
  return limit > suffix ? limit - suffix : 0;
}

// Names are shown in --json output, summaries and on terminals: only printable UTF-8.
void check_printable(std::string_view name) {
  const auto flaw = arbor::sdk::find_text_flaw(name);
  if (!flaw) return;
  if (flaw->what == arbor::sdk::text_flaw::kind::invalid_utf8)
    throw error(errc::bad_input, "The file name is not valid UTF-8 text (byte " + std::to_string(flaw->offset + 1) +
                                     "): type it again in plain characters.");
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(flaw->code_point));
  if (flaw->what == arbor::sdk::text_flaw::kind::control)
    throw error(errc::bad_input, std::string("The file name contains a control character (") + code +
                                     "): use printable characters only.");
  throw error(errc::bad_input, std::string("The file name contains an invisible direction mark (") + code +
                                   ") that changes how the name reads: type it again without it.");
}

}  // namespace

void check_export_file_name(std::string_view name, const fs::path& data_dir) {
  if (name.empty()) throw error(errc::bad_input, "Type a file name for the export file.");
  if (name.find('/') != std::string_view::npos || name.find('\\') != std::string_view::npos)
    throw error(errc::bad_input, "'" + std::string(name) +
                                     "' contains a path separator: type a file name only; the file is saved in "
                                     "this server's KMSData directory.");
  check_printable(name);
  if (const std::size_t longest = longest_export_name(data_dir); name.size() > longest)
    throw error(errc::bad_input, "The file name is " + std::to_string(name.size()) + " bytes long; at most " +
                                     std::to_string(longest) + " fit in this server's KMSData directory: choose "
                                                               "a shorter name.");
  if (name.find("..") != std::string_view::npos)
    throw error(errc::bad_input, "'" + std::string(name) + "' contains '..': choose a plain file name.");
  if (name.front() == '.')
    throw error(errc::bad_input, "'" + std::string(name) + "' starts with a dot: choose a name that is not hidden.");
  const fs::path target = data_dir / std::string(name);
  if (fs::exists(fs::symlink_status(target)))
    throw error(errc::conflict, target.string() + " already exists: choose another file name (an existing file is "
                                                  "never replaced).");
}

std::vector<export_leftover> find_export_leftovers(const fs::path& data_dir, store::sqlite::connection& db) {
  std::vector<export_leftover> found;
  store::transfer_log log(db);
  for (const fs::directory_entry& entry : fs::directory_iterator(data_dir)) {
    if (entry.is_symlink() || !entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    if (is_temporary_name(name)) {
      found.push_back({export_leftover::kind::incomplete, name});
    } else if (name.front() != '.' && starts_like_transfer_file(entry.path()) &&
               !log.find_by_file_name(store::transfer_direction::export_users, name) &&
               !log.find_by_file_name(store::transfer_direction::import_users, name)) {
      found.push_back({export_leftover::kind::unrecorded, name});
    }
  }
  std::sort(found.begin(), found.end(),
            [](const export_leftover& a, const export_leftover& b) { return a.file_name < b.file_name; });
  return found;
}

std::string describe(const export_leftover& leftover) {
  if (leftover.what == export_leftover::kind::incomplete)
    return leftover.file_name + ": left by an export that stopped while writing; incomplete and ignored (safe to "
                                "delete).";
  return leftover.file_name + ": a complete export file that was never recorded: the export stopped before removing "
                              "its users, who are all still on this server. Do not import it; delete it and export "
                              "again.";
}

}  // namespace arbor::km::transfer
