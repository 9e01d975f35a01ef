#pragma once
// A wizard whose behaviour each test sets: by default it returns the declared pages unchanged,
// accepts every page and returns a one-line summary. It records what the runner called.
#include <arbor/sdk/wizard.hpp>

#include <functional>
#include <string>
#include <vector>

namespace arbor::test {

class fake_wizard : public sdk::wizard {
 public:
  sdk::wizard_spec declared;
  std::function<sdk::result<sdk::page>(const sdk::page&, const sdk::answers&)> on_prepare;
  std::function<sdk::result<void>(std::string_view, const sdk::answers&)> on_validate;
  std::function<sdk::result<sdk::summary>(const sdk::answers&)> on_run;

  std::vector<std::string> prepared;   ///< page ids, in call order
  std::vector<std::string> validated;  ///< page ids, in call order
  bool ran{false};
  sdk::answers ran_with;

  sdk::wizard_spec spec() const override { return declared; }

  sdk::result<sdk::page> prepare(std::string_view page_id, const sdk::answers& so_far) override {
    prepared.emplace_back(page_id);
    for (const sdk::page& p : declared.pages)
      if (p.id == page_id) return on_prepare ? on_prepare(p, so_far) : sdk::result<sdk::page>(p);
    return sdk::fail(sdk::reason::internal, "no such page");
  }

  sdk::result<void> validate(std::string_view page_id, const sdk::answers& so_far) override {
    validated.emplace_back(page_id);
    return on_validate ? on_validate(page_id, so_far) : sdk::result<void>();
  }

  sdk::result<sdk::summary> run(const sdk::answers& all) override {
    ran = true;
    ran_with = all;
    if (on_run) return on_run(all);
    return sdk::summary{"Done", {{"result", "Result", "ok", {}}}, std::nullopt};
  }
};

inline sdk::field make_field(std::string id, sdk::field_kind kind, bool required = true,
                             std::vector<std::string> options = {}, std::string default_value = {}) {
  sdk::field f;
  f.id = id;
  f.label = "Label of " + id;
  f.kind = kind;
  f.required = required;
  f.options = std::move(options);
  f.default_value = std::move(default_value);
  return f;
}

inline sdk::page make_page(std::string id, std::vector<sdk::field> fields) {
  sdk::page p;
  p.id = id;
  p.title = "Title of " + id;
  p.fields = std::move(fields);
  return p;
}

}  // namespace arbor::test
