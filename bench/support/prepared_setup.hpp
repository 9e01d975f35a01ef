#pragma once
// What a benchmark prepares once and measures on many times: a directory (`--keep DIR`, or one in
// the scratch directory) holding a filled data directory and the anchors' files, reused by a
// later run asked for the same thing, and a fresh copy of the data directory for each measured
// run, since a run changes it.
#include <filesystem>
#include <string>
#include <vector>

namespace arbor::km::bench {

// True when `setup` was prepared for `what` (a line naming the users and how they were made);
// otherwise empties it (0700) for preparing, and false.
bool prepared_for(const std::filesystem::path& setup, const std::string& what);
// Records that `setup` is complete for `what`; written last, so a half-prepared setup is redone.
void mark_prepared(const std::filesystem::path& setup, const std::string& what);

// Replaces `to` with a copy of the data directory `from`. A transfer file (*.kmx) in it is only
// read by the runs, so it is linked rather than copied.
void fresh_copy(const std::filesystem::path& from, const std::filesystem::path& to);

std::string slurp(const std::filesystem::path& path);
double median(std::vector<double> values);

}  // namespace arbor::km::bench
