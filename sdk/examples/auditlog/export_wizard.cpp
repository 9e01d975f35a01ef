#include "export_wizard.hpp"

#include "csv_file.hpp"

#include <filesystem>
#include <system_error>

namespace auditlog {
namespace {

using namespace arbor::sdk;

constexpr const char* file_page_id = "file";

result<void> check_target(const std::filesystem::path& target) {
  std::error_code ec;
  const std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  if (!std::filesystem::is_directory(dir, ec))
    return fail(reason::invalid_input, "The folder " + dir.string() + " does not exist: create it or choose another.");
  if (std::filesystem::exists(std::filesystem::symlink_status(target, ec)))
    return fail(reason::invalid_input, target.string() + " already exists: choose a new file name.");
  return {};
}

}  // namespace

std::vector<page> export_wizard::task_pages() const {
  const field path{.id = "path", .label = "CSV file", .kind = field_kind::path,
                   .help = "A new file, e.g. /var/tmp/kms-audit.csv."};
  return {page{.id = file_page_id,
               .title = "Export File",
               .description = "Where to write the audit log. An existing file is never overwritten.",
               .fields = {path}}};
}

result<void> export_wizard::validate_page(std::string_view, const answers& so_far) {
  return check_target(so_far.text(file_page_id, "path"));
}

result<summary> export_wizard::run_task(audit_trail& trail, const std::vector<credential>& who, const answers& all) {
  const std::filesystem::path target = all.text(file_page_id, "path");
  if (auto checked = check_target(target); !checked) return checked.error();
  auto exported = export_csv(trail, who, target, progress_);
  if (!exported) return exported.error();
  return summary{"Audit Log Exported",
                 {{"records", "Records exported", std::to_string(exported.value()), {}},
                  {"file", "File", target.string(), {}}},
                 std::nullopt};
}

}  // namespace auditlog
