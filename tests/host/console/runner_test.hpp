#pragma once
// What a test of the wizard runner starts from: the runner, the scripted source and a fake
// wizard, with the names those tests use unqualified. Included by test sources only (it brings
// arbor::host into the global namespace, which a test module may do and a library may not).
#include "host/console/scripted_source.hpp"
#include "host/console/wizard_runner.hpp"
#include "fake_wizard.hpp"

using namespace arbor::host;
namespace sdk = arbor::sdk;
using sdk::field_kind;
using arbor::test::fake_wizard;
using arbor::test::make_field;
using arbor::test::make_page;
