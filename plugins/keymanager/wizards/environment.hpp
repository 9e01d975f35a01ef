#pragma once
// What every Key Manager wizard gets from the plugin: how to open this Key Manager (the
// workflows' site: data directory, identity options, Argon2 cost, clock) and the console
// services it reports to. Plain data, copied per wizard.
#include "workflows/site.hpp"

#include <arbor/sdk/services.hpp>

namespace arbor::km::wizards {

struct environment {
  workflows::site site;
  sdk::progress* progress = nullptr;  ///< may be null: no progress shown, never cancelled
  sdk::log* log = nullptr;            ///< may be null
};

}  // namespace arbor::km::wizards
