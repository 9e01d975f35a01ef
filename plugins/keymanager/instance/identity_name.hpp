#pragma once
// The name a new Key Manager's identity gets when the operator gives none: the host name and the
// data directory, so that two servers, or two directories on one machine, are told apart wherever
// the identity is shown (the details pane, the General tab, Save the KMS Certificate, a transfer
// file's source): "Key Management Service (vm:/srv/kmsdata)".
#include <filesystem>
#include <string>
#include <string_view>

namespace arbor::km {

/// "Key Management Service (HOST:DIR)" in at most 64 characters (the common name's limit) of
/// printable ASCII: any other byte of `host` or `dir` becomes '_'. HOST is the host name's first
/// label, at most 16 characters; a DIR too long for the rest keeps its end behind "...", the part
/// that tells directories apart. Without a host name: "Key Management Service (DIR)".
std::string default_identity_name(std::string_view host, const std::filesystem::path& dir);

}  // namespace arbor::km
