#pragma once
// A plugin's audit trail, offered to other plugins through plugin_services: who did what, when,
// and whether it worked. The provider decides who may read it: read() takes the credentials of as
// many of its administrators as credentials_required() says, checks them, and records the read in
// the trail itself. Since 1.1.
#include <arbor/sdk/error.hpp>
#include <arbor/sdk/secret_text.hpp>
#include <arbor/sdk/services.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::sdk {

/// One administrator's name and password, as typed on a wizard page. Since 1.1.
struct credential {
  std::string name;
  secret_text password;
};

/// One entry of an audit trail. Never holds a secret.
struct audit_record {
  std::int64_t time_s{0};  ///< seconds since 1970-01-01 UTC
  std::string actor;       ///< who acted: administrator names, or "system"
  std::string event;       ///< a stable word, e.g. "login" or "administrator-added"
  bool succeeded{true};
  std::string detail;
};

class audit_trail : public service {
 public:
  static constexpr std::string_view id = "arbor.audit-trail";
  static constexpr std::uint32_t version = 1;

  /// How many distinct administrators must sign in for read().
  virtual result<std::size_t> credentials_required() = 0;

  /// Checks `who` (errors: denied for wrong or too few credentials or a lockout), records the
  /// read, then calls `visit` with every record, oldest first. Returns how many it visited.
  virtual result<std::uint64_t> read(const std::vector<credential>& who,
                                     const std::function<void(const audit_record&)>& visit) = 0;
};

}  // namespace arbor::sdk
