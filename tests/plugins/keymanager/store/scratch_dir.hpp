#pragma once
// A private temporary directory for one test, removed with everything in it afterwards: the one
// every test of the project uses (tests/support/temporary_directory.hpp), under the Key Manager
// tests' name.
#include "temporary_directory.hpp"

namespace arbor::km::testing {

using scratch_dir = arbor::testing::temporary_directory;

}  // namespace arbor::km::testing
