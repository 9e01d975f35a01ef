#pragma once
// Back Up Database: an online copy of kms.db into backups/, taken while the Key Manager runs
// (store/backup.hpp). Audited as "database-backed-up", succeeded or failed.
#include <filesystem>
#include <string>

#include "instance/key_manager.hpp"

namespace arbor::km::workflows {

struct back_up_request {
  std::string actor;  // who is audited as having backed up
};

struct back_up_result {
  std::filesystem::path file;  // the new backup
};

back_up_result back_up(key_manager& kms, const back_up_request& request);

}  // namespace arbor::km::workflows
