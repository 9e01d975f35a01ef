#include "workflows/pkcs12_password.hpp"

#include <utility>

#include "common/km_error.hpp"

namespace arbor::km::workflows {
namespace {

constexpr std::size_t min_length = 8;

}  // namespace

pkcs12_password::pkcs12_password(secret password) : password_(std::move(password)) {
  const auto text = password_.view();
  if (text.size() < min_length || text.find('\0') != std::string_view::npos) {
    throw error(errc::bad_input,
                "The password for the PKCS#12 file must be at least 8 characters: choose a longer one.");
  }
}

}  // namespace arbor::km::workflows
