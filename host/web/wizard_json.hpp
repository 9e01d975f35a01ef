#pragma once
// The web console's JSON of a wizard: a shown page with its fields, a task's outcome with its
// summary, and the answers of a page read back from the browser. A secret's value is never
// written; one read from an answer goes straight into an sdk::secret_text.
#include "host/console/answer_source.hpp"
#include "host/console/answer_value.hpp"
#include "host/console/wizard_runner.hpp"

#include <arbor/sdk/error.hpp>
#include <arbor/sdk/secret_text.hpp>
#include <arbor/sdk/wizard.hpp>

#include <boost/json/object.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace arbor::host::web {

/// {"id", "title", "description", "info", "finishes", "problem": {"message", "field": null} | null,
///  "fields": [...]}; each field {"id", "label", "kind", "required", "options", "help", "value"}
/// (multi-select: "values"), holding what `so_far` has for it or else its default; a secret
/// field has neither. The caller adds where the page stands in the wizard.
boost::json::object page_json(const sdk::page& page, const sdk::answers& so_far, const sdk::error* problem,
                              bool finishes);

/// {"title", "columns": [{"id", "label"}], "rows": [[cell, ...]], "total_rows"}
boost::json::object table_json(const sdk::table& table);

/// {"title", "items": [{"key", "label", "value", "details"}], "table": table_json | null}
boost::json::object summary_json(const sdk::summary& summary);

/// {"end": "completed" | "refused" | "plugin_failed" | "task_failed" | "cancelled",
///  "summary": summary_json | null, "error": {"message", "detail", "page", "field"} | null}
boost::json::object outcome_json(const wizard_outcome& outcome);

/// What the operator did on a shown page: the step, the values typed (by field id) and the
/// secrets (by field id), which wipe themselves.
struct page_reply {
  page_step step{page_step::cancel};
  std::map<std::string, raw_value, std::less<>> values;
  std::map<std::string, sdk::secret_text, std::less<>> secrets;
};

/// Reads `{"step": "next" | "back" | "cancel", "answers": {field id: value}}` for `page`: text,
/// path and choice take a string, multi-select an array of strings, confirmation a boolean,
/// secret a string. An answer naming no field of the page, a value of another JSON type, or a
/// missing or unknown step is refused (invalid_input) with what to send instead; whether a value
/// suits its field is the runner's check, shown on the page.
sdk::result<page_reply> reply_from_json(const sdk::page& page, const boost::json::object& request);

/// What the operator did on a shown property sheet: Apply, OK (Apply and close) or Cancel, with
/// the answers of each of its pages by page id.
enum class sheet_step : unsigned char { apply = 1, ok, cancel };
struct sheet_reply {
  sheet_step step{sheet_step::cancel};
  std::map<std::string, page_reply, std::less<>> pages;
};

/// Reads `{"step": "apply" | "ok" | "cancel", "answers": {page id: {field id: value}}}` for the
/// sheet's `pages`, each page's answers as reply_from_json() reads them. A page that is not on
/// the sheet, or a missing or unknown step, is refused (invalid_input).
sdk::result<sheet_reply> sheet_reply_from_json(const std::vector<sdk::page>& pages, const boost::json::object& request);

/// {"pages": [page_json], "problem": {"message", "page", "field"} | null, "values": summary_json |
///  null, "applied": bool}: the sheet's pages as prepared (fields holding what the plugin holds,
/// or what `typed` holds after a refusal), the refusal of the last Apply, the summary its last
/// run reported, and whether an Apply changed something since the tab opened.
boost::json::object sheet_json(const std::vector<sdk::page>& pages, const std::map<std::string, page_reply, std::less<>>& typed,
                               const wizard_outcome* refusal, const std::optional<sdk::summary>& values, bool applied);

}  // namespace arbor::host::web
