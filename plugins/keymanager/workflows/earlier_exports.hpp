#pragma once
// Users an earlier export already sent to the same destination: a restore of a backup taken
// before that export brought them back. Exporting them again sends a second copy of their keys
// to a server that may still hold the first, so it takes an explicit choice.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/km_error.hpp"
#include "store/sqlite.hpp"
#include "store/transfers.hpp"
#include "workflows/user_selection.hpp"

namespace arbor::km::workflows {

struct earlier_exports {
  std::int64_t users = 0;                        // covered users an earlier export took
  std::vector<std::string> aliases;              // at most aliases_named, by alias
  std::vector<store::transfer_record> transfers;  // the earlier exports, oldest first

  static constexpr std::size_t aliases_named = 20;
};

// The users of `selected` that an export to the server with certificate hash
// `destination_sha256` (lowercase hex) already took, with those exports: one join.
earlier_exports find_earlier_exports(user_selection& selected,
                                     std::string_view destination_sha256);

// "alice, bob (2 users) were already exported to this server in transfer <id> on <date>".
std::string describe(const earlier_exports& found);

// The rule: users an earlier export sent to this destination go again only when `export_again`.
// Otherwise errc::conflict, describe() of them and that nothing was exported.
class earlier_exports_refused : public error {
 public:
  using error::error;
};
void refuse_earlier_exports(user_selection& selected, std::string_view destination_sha256, bool export_again);

}  // namespace arbor::km::workflows
