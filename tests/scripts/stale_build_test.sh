#!/usr/bin/env bash
# scripts/stale-build, which scripts/demo runs before configuring: a build tree copied from another
# checkout (its CMakeCache.txt names other sources) is moved aside with a message naming them,
# this checkout's own build folder and an empty folder stay, and a folder of other files is refused
# untouched.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd -P)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
cache() { printf 'CMAKE_HOME_DIRECTORY:INTERNAL=%s\n' "$2" >"$1/CMakeCache.txt"; }

mkdir "$work/copied"
cache "$work/copied" /somewhere/else/arbor
out=$("$root/scripts/stale-build" "$work/copied")
[[ ! -e $work/copied ]] || fail "the copied build tree is still there"
compgen -G "$work/copied.stale-*/CMakeCache.txt" >/dev/null || fail "the copied build tree was not kept beside"
[[ $out == *"configured for other sources (/somewhere/else/arbor)"* ]] || fail "the message does not say why: $out"

mkdir "$work/own"
cache "$work/own" "$root"
out=$("$root/scripts/stale-build" "$work/own")
[[ -f $work/own/CMakeCache.txt && -z $out ]] || fail "this checkout's own build folder was moved: $out"

mkdir "$work/empty"
out=$("$root/scripts/stale-build" "$work/empty")
[[ -d $work/empty && -z $out ]] || fail "an empty folder was moved: $out"

mkdir "$work/other"
touch "$work/other/notes.txt"
status=0
out=$("$root/scripts/stale-build" "$work/other" 2>&1) || status=$?
[[ $status == 1 && -f $work/other/notes.txt && $out == *"is not a CMake build folder: not touching it"* ]] ||
  fail "a folder of other files (a mistyped ARBOR_BUILD_DIR) was not left alone with a refusal: $status $out"

out=$("$root/scripts/stale-build" "$work/own" "could not be configured")
[[ ! -e $work/own && $out == *"could not be configured"* ]] || fail "a folder CMake refused was not moved: $out"

"$root/scripts/stale-build" "$work/missing" >/dev/null || fail "a missing folder is an error"
echo "stale-build: every check passed"
