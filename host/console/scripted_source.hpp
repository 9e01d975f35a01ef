#pragma once
// The answer source of scripted mode: every answer given up front, secrets read in page order
// from a secret supply (the password file or descriptor). A refused page ends the wizard.
#include "host/console/answer_set.hpp"
#include "host/console/answer_source.hpp"

#include <arbor/sdk/services.hpp>

#include <functional>
#include <string>

namespace arbor::host {

/// Answers from an answer_set, secrets from a secret prompt, no retries.
class scripted_source : public answer_source {
 public:
  /// `secrets` gives the next password for each secret field (may be nullptr: none available);
  /// `secret_hint` tells the operator where secrets come from; `stop_requested` reports
  /// cancellation (for example SIGINT). `secrets` must outlive the source.
  scripted_source(answer_set given, sdk::secret_prompt* secrets, std::string secret_hint,
                  std::function<bool()> stop_requested);

  sdk::result<void> check(const sdk::wizard_spec& spec) override;
  sdk::result<page_step> show(const sdk::page& page, const sdk::answers& so_far, const sdk::error* problem,
                              bool finishes) override;
  sdk::result<void> skipped(const sdk::page& page) override;
  std::optional<raw_value> value(const sdk::page& page, const sdk::field& field) override;
  std::optional<sdk::secret_text> secret(const sdk::page& page, const sdk::field& field) override;
  std::string secret_hint() const override { return secret_hint_; }
  bool may_retry() const override { return false; }
  bool cancelled() const override { return stop_requested_ && stop_requested_(); }

 private:
  answer_set given_;
  sdk::secret_prompt* secrets_;
  std::string secret_hint_;
  std::function<bool()> stop_requested_;
};

}  // namespace arbor::host
