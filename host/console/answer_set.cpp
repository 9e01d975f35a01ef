#include "host/console/answer_set.hpp"

#include <algorithm>

namespace arbor::host {
namespace {

sdk::error refuse(std::string message) { return sdk::fail(sdk::reason::invalid_input, std::move(message)); }

const sdk::field* field_of(const sdk::page& page, std::string_view field_id) {
  auto it = std::find_if(page.fields.begin(), page.fields.end(), [&](const sdk::field& f) { return f.id == field_id; });
  return it == page.fields.end() ? nullptr : &*it;
}

const sdk::page* page_of(const sdk::wizard_spec& spec, std::string_view page_id) {
  auto it = std::find_if(spec.pages.begin(), spec.pages.end(), [&](const sdk::page& p) { return p.id == page_id; });
  return it == spec.pages.end() ? nullptr : &*it;
}

std::string page_ids(const sdk::wizard_spec& spec) {
  std::string ids;
  for (const sdk::page& p : spec.pages) ids += (ids.empty() ? "" : ", ") + p.id;
  return ids;
}

sdk::result<void> check_given_fields(const answer_set::page_values& values, const sdk::page& page) {
  for (const auto& [field_id, value] : values) {
    const sdk::field* field = field_of(page, field_id);
    if (!field) continue;  // may be added when the page is prepared: check_page() decides
    auto converted = to_answer(*field, value, !field->options.empty());
    if (!converted) return refuse("Answer for " + field_location(page.id, field_id) + " " + converted.error().message + ".");
  }
  return {};
}

sdk::result<void> check_required_fields(const answer_set::page_values* values, const sdk::page& page) {
  for (const sdk::field& field : page.fields) {
    // A default is an answer the operator accepted; only a required field without one must be given.
    if (!field.required || field.kind == sdk::field_kind::secret || !field.default_value.empty()) continue;
    if (!values || !values->contains(field.id))
      return refuse("The answers have no value for the required " + field_location(page.id, field.id) + " (" +
                    field.label + "); add \"" + field.id + "\" under \"" + page.id + "\" or use --set " + page.id +
                    "." + field.id + "=VALUE.");
  }
  return {};
}

}  // namespace

const raw_value* answer_set::find(std::string_view page_id, std::string_view field_id) const {
  const page_values* values = page(page_id);
  if (!values) return nullptr;
  auto it = values->find(field_id);
  return it == values->end() ? nullptr : &it->second;
}

const answer_set::page_values* answer_set::page(std::string_view page_id) const {
  auto it = pages_.find(page_id);
  return it == pages_.end() ? nullptr : &it->second;
}

sdk::result<void> check_against_spec(const answer_set& given, const sdk::wizard_spec& spec) {
  for (const auto& [page_id, values] : given.pages()) {
    const sdk::page* page = page_of(spec, page_id);
    if (!page)
      return refuse("The answers name page \"" + page_id + "\", which this wizard does not have (its pages: " +
                    page_ids(spec) + ").");
    if (auto checked = check_given_fields(values, *page); !checked) return checked;
  }
  for (const sdk::page& page : spec.pages)
    if (auto checked = check_required_fields(given.page(page.id), page); !checked) return checked;
  return {};
}

sdk::result<void> check_page(const answer_set& given, const sdk::page& page) {
  const answer_set::page_values* values = given.page(page.id);
  if (!values) return {};
  for (const auto& [field_id, value] : *values) {
    const sdk::field* field = field_of(page, field_id);
    if (!field) {
      std::string known;
      for (const sdk::field& f : page.fields) known += (known.empty() ? "" : ", ") + f.id;
      return refuse("The answers name " + field_location(page.id, field_id) +
                    ", which that page does not have (its fields: " + (known.empty() ? "none" : known) + ").");
    }
    if (field->kind == sdk::field_kind::secret)  // to_answer() words the refusal
      return refuse("Answer for " + field_location(page.id, field_id) + " " + to_answer(*field, value).error().message + ".");
  }
  return {};
}

}  // namespace arbor::host
