// Properties > Certificate Services: where the CA is and how long to wait for it.
#include "workflows/ca_settings.hpp"
#include "wizards/factories.hpp"
#include "wizards/settings_numbers.hpp"
#include "wizards/task_wizard.hpp"

namespace arbor::km::wizards {
namespace {

class certificate_services_tab final : public task_wizard {
 public:
  explicit certificate_services_tab(const environment& env) : task_wizard(env, "Certificate Services") {}

 private:
  static bool setting(const sdk::answers& a) { return a.text("operation", "action") == "set"; }

  std::vector<sdk::page> pages_before_login() const override {
    sdk::field action{"action", "Operation", sdk::field_kind::choice, false, {"view", "set"}, "view", {}};
    return {sdk::page{"operation", "Certificate Services", "View or change how the CA is reached.", {}, {action}, false}};
  }

  std::string policy_task(const sdk::answers&) const override { return "certificate-services"; }

  std::vector<sdk::page> task_pages() const override {
    using sdk::field_kind;
    return {sdk::page{"ca", "Certificate Services", "The CA server's address and timeouts.", {},
                      {{"url", "CA address", field_kind::text, false, {}, {}, "http(s)://host:port, e.g. http://127.0.0.1:8888"},
                       {"connect_timeout_ms", "Connect timeout (ms)", field_kind::text, false, {}, {}, "1 to 600000"},
                       {"total_timeout_ms", "Total timeout per request (ms)", field_kind::text, false, {}, {},
                        "At least the connect timeout, at most 3600000"},
                       {"max_in_flight", "Requests in flight", field_kind::text, false, {}, {}, "1 to 64"}},
                      false}};
  }

  // The fields start with the stored values, so only what changes needs typing.
  sdk::page prepare_page(const sdk::page& declared, const sdk::answers& so_far) override {
    auto page = declared;
    if (page.id != "ca") return page;
    page.skip = !setting(so_far);
    const auto stored = workflows::read_ca_settings(kms().db());
    page.fields[0].default_value = stored.base_url;
    page.fields[1].default_value = std::to_string(stored.connect_timeout_ms);
    page.fields[2].default_value = std::to_string(stored.total_timeout_ms);
    page.fields[3].default_value = std::to_string(stored.max_in_flight);
    return page;
  }

  static workflows::checked_ca_settings typed(const sdk::answers& a) {
    ca::connection_settings s;
    s.base_url = a.text("ca", "url");
    s.connect_timeout_ms = whole_number(a.text("ca", "connect_timeout_ms"), "Connect timeout (ms)");
    s.total_timeout_ms = whole_number(a.text("ca", "total_timeout_ms"), "Total timeout per request (ms)");
    const auto in_flight = whole_number(a.text("ca", "max_in_flight"), "Requests in flight");
    s.max_in_flight = in_flight > 0 ? static_cast<std::size_t>(in_flight) : 0;
    return s;
  }

  void validate_page(std::string_view page_id, const sdk::answers& so_far) override {
    if (page_id == "ca") typed(so_far);
  }

  sdk::summary run_task(const sdk::answers& all) override {
    if (setting(all)) workflows::change_ca_settings(kms(), authorization(), typed(all));
    const auto s = workflows::read_ca_settings(kms().db());
    return sdk::summary{"Certificate Services",
                        {{"url", "CA address", s.base_url.empty() ? "(not set)" : s.base_url, {}},
                         {"connect_timeout_ms", "Connect timeout (ms)", std::to_string(s.connect_timeout_ms), {}},
                         {"total_timeout_ms", "Total timeout (ms)", std::to_string(s.total_timeout_ms), {}},
                         {"max_in_flight", "Requests in flight", std::to_string(s.max_in_flight), {}}},
                        {}};
  }
};

}  // namespace

wizard_ptr make_certificate_services_tab(const environment& env) { return std::make_unique<certificate_services_tab>(env); }

}  // namespace arbor::km::wizards
