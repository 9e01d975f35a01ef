#include "workflows/presented_token.hpp"

#include <utility>

namespace arbor::km::workflows {

presented_token::presented_token(std::string alias, secret token) : alias_(std::move(alias)), token_(std::move(token)) {
  if (alias_.empty()) throw incomplete(part::alias, "Type your alias");
  if (token_.empty()) throw incomplete(part::token, "Type the token an administrator gave you");
}

}  // namespace arbor::km::workflows
