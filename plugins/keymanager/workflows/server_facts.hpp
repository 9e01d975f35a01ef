#pragma once
// What the General properties tab shows of this Key Manager: who it is (identity subject, key,
// short code, SHA-1 and SHA-256 thumbprints, validity), where its data lives, the database's
// schema version and how many users it holds.
#include "workflows/site.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace arbor::km::workflows {

struct server_facts {
  std::string subject;
  std::string key_algorithm;  ///< "RSA 3072", "EC P-384"
  std::string short_code;     ///< grouped, as read over the telephone: "K7QM-3XPA"
  std::string sha1;           ///< uppercase pairs with colons
  std::string sha256;         ///< uppercase pairs with colons
  std::chrono::sys_seconds valid_from;
  std::chrono::sys_seconds valid_to;
  std::filesystem::path data_directory;
  int schema_version = 0;
  std::int64_t users = 0;
};

server_facts read_server_facts(key_manager& kms);

}  // namespace arbor::km::workflows
