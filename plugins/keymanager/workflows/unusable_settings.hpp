#pragma once
// Settings an operator must set (again) before a task can run: Certificate Services without an
// address, an Enrollment setting stored unusable. The workflows say what is wrong; the wizards,
// which know the console, say where it is set (wizards/sdk_error.hpp).
#include "common/km_error.hpp"

#include <string>

namespace arbor::km::workflows {

class unusable_settings : public error {
 public:
  enum class group { certificate_services = 1, enrollment };

  unusable_settings(group which, errc code, std::string message, std::string technical = {})
      : error(code, std::move(message), std::move(technical)), which_(which) {}

  group which() const noexcept { return which_; }

 private:
  group which_;
};

}  // namespace arbor::km::workflows
