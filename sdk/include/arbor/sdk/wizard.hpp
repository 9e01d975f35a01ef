#pragma once
// Tasks and property tabs are wizards described as data. A plugin declares pages of typed fields;
// the host's wizard runner walks them, asks the plugin to prepare each page (dynamic text,
// options, pages that do not apply) and to validate its answers, then runs the task and shows its
// summary. Front ends only render; no front end knows what a task does. Since 1.0.
#include <arbor/sdk/error.hpp>
#include <arbor/sdk/node.hpp>
#include <arbor/sdk/secret_text.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arbor::sdk {

/// The kind of value a field takes. Zero is deliberately unused.
///
/// Since 1.2, the `options` of a path field are suggestions: values the front end offers (the
/// console completes them with Tab) while the answer may still be any path. The scripted front
/// end never checks a path against them; `arbor describe` lists them. Plugins built for 1.0 and
/// 1.1 left them empty and get the console's file-name completion.
enum class field_kind : unsigned char {
  text = 1,      ///< one line of text
  path,          ///< a file system path (any characters but NUL)
  secret,        ///< a password: masked, never in answer files or on the command line
  choice,        ///< one of `options`
  multi_select,  ///< any subset of `options`
  confirmation,  ///< yes or no
};

/// Stable lower-case name of a field kind, used in answer files and `arbor describe`.
constexpr const char* to_string(field_kind k) noexcept {
  switch (k) {
    case field_kind::text: return "text";
    case field_kind::path: return "path";
    case field_kind::secret: return "secret";
    case field_kind::choice: return "choice";
    case field_kind::multi_select: return "multi-select";
    case field_kind::confirmation: return "confirmation";
  }
  return "unknown";
}

/// One input on a page. `options` applies to choice and multi-select; `default_value` to text,
/// path and choice ("yes"/"no" for confirmation; since 1.2 also multi-select: the options checked
/// at first, separated by commas, as `--set` takes them). A field that is not required may be
/// left out.
/// Build it by name, members in this order, leaving out those that keep their default (the
/// way documented since 1.2; the members, their order and the layout are those of 1.0):
///   field{.id = "path", .label = "CSV file", .kind = field_kind::path, .help = "A new file."}
struct field {
  std::string id{};                   ///< stable, unique on its page: the answer file's key
  std::string label{};                ///< what the operator reads beside the input
  field_kind kind{field_kind::text};  ///< the kind of value
  bool required{true};                ///< false: may be left empty or out of an answer file
  std::vector<std::string> options{}; ///< choice, multi-select: the values offered, in order
  std::string default_value{};        ///< the value given (confirmation: "yes"/"no"; multi-select: a,b)
  std::string help{};                 ///< one sentence: what to give, shown with the field
};

/// One page. `info` holds read-only lines the plugin computed from earlier answers (a subject, a
/// fingerprint, a count). A prepared page with `skip` set does not apply and is not shown.
/// Built by name like `field`: page{.id = "file", .title = "Export File", .fields = {...}}.
struct page {
  std::string id{};                ///< stable, unique in the wizard: the answer file's key
  std::string title{};             ///< the page's heading
  std::string description{};       ///< one or two sentences under the title
  std::vector<std::string> info{}; ///< read-only lines, usually filled in by prepare()
  std::vector<field> fields{};     ///< the inputs, in the order shown
  bool skip{false};                ///< set by prepare(): the page does not apply
};

/// The static description of a wizard: what `arbor describe` prints and answer files are
/// checked against before anything runs. A last "are you sure" is a confirmation field on the
/// final page, so scripted and interactive front ends treat it alike.
struct wizard_spec {
  std::string title;
  std::vector<page> pages;
};

/// One answer. Exactly one member is meaningful, chosen by `kind`.
struct answer {
  field_kind kind{field_kind::text};
  std::string text;                 ///< text, path, choice
  std::vector<std::string> items;   ///< multi-select
  bool yes{false};                  ///< confirmation
  secret_text secret;               ///< secret
};

/// Answers so far, keyed by page id and field id. Secrets wipe themselves.
class answers {
 public:
  void set(std::string_view page, std::string_view field, answer value) {
    values_[key(page, field)] = std::move(value);
  }
  const answer* find(std::string_view page, std::string_view field) const {
    auto it = values_.find(key(page, field));
    return it == values_.end() ? nullptr : &it->second;
  }
  bool has(std::string_view page, std::string_view field) const { return find(page, field) != nullptr; }
  /// The text of a text, path or choice answer; empty when absent.
  std::string text(std::string_view page, std::string_view field) const {
    const answer* a = find(page, field);
    return a ? a->text : std::string{};
  }
  /// The items of a multi-select answer; empty when absent.
  std::vector<std::string> items(std::string_view page, std::string_view field) const {
    const answer* a = find(page, field);
    return a ? a->items : std::vector<std::string>{};
  }
  /// A confirmation answer; false when absent.
  bool yes(std::string_view page, std::string_view field) const {
    const answer* a = find(page, field);
    return a && a->yes;
  }
  /// A secret answer; empty when absent. The caller's copy wipes itself too.
  secret_text secret(std::string_view page, std::string_view field) const {
    const answer* a = find(page, field);
    return a ? a->secret : secret_text{};
  }
  void erase(std::string_view page, std::string_view field) { values_.erase(key(page, field)); }
  const std::map<std::string, answer, std::less<>>& all() const noexcept { return values_; }

  static std::string key(std::string_view page, std::string_view field) {
    std::string k(page);
    k += '.';
    k += field;
    return k;
  }

 private:
  std::map<std::string, answer, std::less<>> values_;
};

/// One line of a task's summary. `key` is stable (JSON), `label` and `value` are shown, and
/// `details` lists what the line is about (for example the users that could not be revoked).
struct summary_item {
  std::string key;
  std::string label;
  std::string value;
  std::vector<std::string> details;
};

/// What a finished task reports: a title, its lines, and optionally a table.
struct summary {
  std::string title;
  std::vector<summary_item> items;
  std::optional<table> results;
};

/// A running wizard: one object per task invocation, so nothing is cached between tasks.
class wizard {
 public:
  virtual ~wizard() = default;

  /// The pages as declared; stable for the life of the object.
  virtual wizard_spec spec() const = 0;

  /// Called before a page is shown, with every earlier answer: returns the page to show (with
  /// computed `info`, options or extra fields) or one marked `skip`.
  ///
  /// Live pages, since 1.2: while a page is shown, an interactive front end may call prepare()
  /// again for the same page with `so_far` holding also what the operator has typed on it so far
  /// (never its secrets), after a pause in typing (at least 150 ms, longer when prepare() was
  /// slow; never once per key), and shows the new `info` lines and the new `options` of path
  /// fields (suggestions). What the operator typed stays: the fields, their values and `skip` of
  /// the repeated call are ignored. So keep prepare() quick and bounded (a count and the first
  /// rows, not a whole table), free of side effects, and able to run many times. Only plugins
  /// whose manifest asks for API 1.2 or later get these calls, and never on a page that asks a
  /// secret. An error of a repeated call is not shown.
  virtual result<page> prepare(std::string_view page_id, const answers& so_far) = 0;

  /// Checks the answers of one page (and how they fit earlier ones). An error stops the
  /// wizard on that page with its message; a front end may let the operator correct it.
  virtual result<void> validate(std::string_view page_id, const answers& so_far) = 0;

  /// Does the work once every page is valid. Reports progress and honours cancellation through
  /// the progress service; returns the summary.
  virtual result<summary> run(const answers& all) = 0;
};

}  // namespace arbor::sdk
