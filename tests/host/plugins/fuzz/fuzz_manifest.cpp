// libFuzzer target: parse_manifest must turn any bytes into a manifest or an error, never crash,
// hang or leak. Run: fuzz_manifest -max_total_time=30 CORPUS_DIR (seed it with manifests/).
#include "host/plugins/manifest.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = arbor::host::parse_manifest(text, "fuzz.json");
  // A manifest that parsed must hold what validation promised.
  if (parsed.ok() && (parsed.value().id.empty() || parsed.value().library.empty())) __builtin_trap();
  return 0;
}
