#pragma once
// The Key Manager a benchmark runs on, opened as the plugin opens it (workflows::open: a new
// directory gets its identity, vault and initial administrator), and its keys opened as a task
// opens them: the administrator's login, then their keyslot (Argon2id at the default cost, once).
#include <filesystem>
#include <string_view>

#include "common/clock.hpp"
#include "workflows/key_opening.hpp"
#include "workflows/site.hpp"

namespace arbor::km::bench {

workflows::site bench_site(const std::filesystem::path& data, identity_options identity, const km::clock& clock);

/// Logs in as the initial administrator for `task` and opens the keys with their keyslot.
opened_vault logged_in_keys(key_manager& kms, const workflows::site& where, std::string_view task);

}  // namespace arbor::km::bench
