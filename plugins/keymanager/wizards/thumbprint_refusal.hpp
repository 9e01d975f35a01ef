#pragma once
// What Export Users and Import Users say when the short code or thumbprint the operator typed is
// refused: the check's reason and, unless the text was simply another certificate's, where the
// other server's administrator finds the short code to read out.
#include <string>
#include <string_view>

namespace arbor::km::wizards {

// `reason` is the check's, `another_certificate` true when the text was well formed but another
// certificate's; `other_server` names that server for the sentence, "destination" or "source".
std::string thumbprint_refusal(std::string_view reason, bool another_certificate, std::string_view other_server);

}  // namespace arbor::km::wizards
