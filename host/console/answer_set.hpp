#pragma once
// Answers given up front (scripted mode) and their checks against a wizard's pages.
#include "host/console/answer_value.hpp"

#include <arbor/sdk/error.hpp>
#include <arbor/sdk/wizard.hpp>

#include <map>
#include <string>
#include <string_view>

namespace arbor::host {

/// Raw values by page id and field id. Never holds a secret: the checks refuse one.
class answer_set {
 public:
  using page_values = std::map<std::string, raw_value, std::less<>>;

  /// Sets (or replaces: --set overrides the answer file) one value.
  void set(std::string page_id, std::string field_id, raw_value value) {
    pages_[std::move(page_id)][std::move(field_id)] = std::move(value);
  }
  const raw_value* find(std::string_view page_id, std::string_view field_id) const;
  const page_values* page(std::string_view page_id) const;
  const std::map<std::string, page_values, std::less<>>& pages() const noexcept { return pages_; }

 private:
  std::map<std::string, page_values, std::less<>> pages_;
};

/// Checks `given` against the static spec: every page must exist; values of declared fields must
/// have the field's type (choices compared with options only where the spec lists them); secrets
/// are refused; a required field without a value is refused. Fields a page declares only once
/// prepared are checked by check_page(), so a wizard whose page may be skipped declares that
/// page's fields optional in the spec and required in prepare(). Errors name the page and field.
sdk::result<void> check_against_spec(const answer_set& given, const sdk::wizard_spec& spec);

/// Checks the values given for one prepared page: each must name a field of the page.
sdk::result<void> check_page(const answer_set& given, const sdk::page& page);

}  // namespace arbor::host
