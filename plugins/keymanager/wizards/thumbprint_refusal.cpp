#include "wizards/thumbprint_refusal.hpp"

#include <cctype>

namespace arbor::km::wizards {

std::string thumbprint_refusal(std::string_view reason, bool another_certificate, std::string_view other_server) {
  std::string text(reason);
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  if (another_certificate) return text + ".";
  return text + ". The " + std::string(other_server) +
         "'s administrator finds the short code in Save the KMS Certificate (or Properties > General) on "
         "that server.";
}

}  // namespace arbor::km::wizards
