#include "wizards/thumbprint_refusal.hpp"

#include <cctype>

namespace arbor::km::wizards {

std::string thumbprint_refusal(const crypto::thumbprint_check& check, std::string_view other_server) {
  std::string text = check.reason;
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  if (check.verdict == crypto::thumbprint_verdict::mismatch) return text + ".";
  return text + ". The " + std::string(other_server) +
         "'s administrator finds the short code in Save the KMS Certificate (or Properties > General) on "
         "that server.";
}

}  // namespace arbor::km::wizards
