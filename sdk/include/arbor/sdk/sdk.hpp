#pragma once
// Everything a plugin author needs: include this one header. Since 1.0.
#include <arbor/sdk/audit_trail.hpp>
#include <arbor/sdk/entry.hpp>
#include <arbor/sdk/error.hpp>
#include <arbor/sdk/node.hpp>
#include <arbor/sdk/plugin.hpp>
#include <arbor/sdk/plugin_services.hpp>
#include <arbor/sdk/row_selection.hpp>
#include <arbor/sdk/secret_text.hpp>
#include <arbor/sdk/services.hpp>
#include <arbor/sdk/version.hpp>
#include <arbor/sdk/wizard.hpp>
