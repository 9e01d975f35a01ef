#include "bench_kms.hpp"

#include <string>
#include <utility>
#include <vector>

#include "workflows/sign_in.hpp"

namespace arbor::km::bench {

workflows::site bench_site(const std::filesystem::path& data, identity_options identity, const km::clock& clock) {
  workflows::site where;
  where.data_dir = data;
  where.identity = std::move(identity);
  where.clock = &clock;
  return where;
}

opened_vault logged_in_keys(key_manager& kms, const workflows::site& where, std::string_view task) {
  const std::vector<workflows::credential> admin{{"admin", secret("password")}};
  const auto who = workflows::sign_in(kms, where, {std::string(task), admin});
  return workflows::open_keys(kms, where, who, admin, secret());
}

}  // namespace arbor::km::bench
