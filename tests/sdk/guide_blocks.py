#!/usr/bin/env python3
"""The plugin guide's code blocks, tied to the example files they quote, so the guide cannot drift
from code that builds (sdk_installed_example builds the examples; sdk_guide_sync runs this check).

  guide_blocks.py check GUIDE EXAMPLES_DIR   every block is tied, and each example block is in its file
  guide_blocks.py commands GUIDE OUT         writes the commands block to OUT, for the test that runs it

A block is tied by an HTML comment (invisible once rendered) on the line before its opening fence:
  <!-- example: auditlog/plugin.cpp -->  the block's lines are consecutive lines of that file,
                                         relative to EXAMPLES_DIR (a uniform extra indentation aside)
  <!-- commands: run by tests/sdk/installed_example_test.cmake -->  the shell block that test runs
Blocks fenced as ```text (screen captures) need no tie.
"""
import os
import re
import sys

FENCE = re.compile(r"^```(\S*)\s*$")
EXAMPLE = re.compile(r"^<!-- example: (\S+) -->$")
COMMANDS = re.compile(r"^<!-- commands: run by (\S+) -->$")


class block:
    def __init__(self, line, language, tie, lines):
        self.line = line  # of the opening fence, counted from 1
        self.language = language
        self.tie = tie
        self.lines = lines


def blocks(guide_text):
    found = []
    lines = guide_text.split("\n")
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end].rstrip() != "```":
            end += 1
        if end == len(lines):
            sys.exit(f"guide line {i + 1}: a code block is never closed with ```")
        found.append(block(i + 1, opening.group(1), lines[i - 1].strip() if i > 0 else "", lines[i + 1:end]))
        i = end + 1
    return found


def indented_match(file_lines, at, wanted):
    """The indentation that makes `wanted` the lines of `file_lines` from `at`, or None."""
    first = next((w for w in wanted if w.strip()), None)
    if first is None or at + len(wanted) > len(file_lines) or not file_lines[at + wanted.index(first)].endswith(first):
        return None
    indent = file_lines[at + wanted.index(first)][: -len(first)]
    if indent.strip():
        return None
    for offset, w in enumerate(wanted):
        if file_lines[at + offset] != (indent + w if w.strip() else ""):
            return None
    return indent


def first_difference(file_lines, wanted):
    """Where the longest partial match of `wanted` in the file stops: (guide line index, file line)."""
    best = (0, "")
    for at in range(len(file_lines)):
        for n in range(len(wanted), 0, -1):
            if n > best[0] and indented_match(file_lines, at, wanted[:n]) is not None:
                following = file_lines[at + n] if at + n < len(file_lines) else "(end of file)"
                best = (n, following)
                break
    return best


def check(guide, examples_dir):
    problems = []
    for b in blocks(open(guide, encoding="utf-8").read()):
        where = f"{guide}:{b.line}"
        if b.language == "text":
            continue
        if COMMANDS.match(b.tie):
            continue
        tie = EXAMPLE.match(b.tie)
        if not tie:
            problems.append(f"{where}: a ```{b.language} block tied to no example file. Put its code in an example "
                            "under sdk/examples and write <!-- example: DIR/FILE --> on the line before the fence "
                            "(or fence screen text as ```text).")
            continue
        path = os.path.join(examples_dir, tie.group(1))
        if not os.path.isfile(path):
            problems.append(f"{where}: the block quotes {tie.group(1)}, which is not in {examples_dir}.")
            continue
        file_lines = [line.rstrip() for line in open(path, encoding="utf-8").read().split("\n")]
        wanted = [line.rstrip() for line in b.lines]
        if any(indented_match(file_lines, at, wanted) is not None for at in range(len(file_lines))):
            continue
        matched, following = first_difference(file_lines, wanted)
        problems.append(f"{where}: the block differs from {tie.group(1)}: its line {matched + 1}\n"
                        f"    guide: {wanted[matched] if matched < len(wanted) else '(end of block)'}\n"
                        f"    file:  {following if matched else '(no line of the file starts the block)'}\n"
                        "  Change the example (it is built and run by sdk_installed_example) and copy it here.")
    if problems:
        sys.exit("\n".join(problems))


def commands(guide, out):
    runnable = [b for b in blocks(open(guide, encoding="utf-8").read()) if COMMANDS.match(b.tie)]
    if len(runnable) != 1:
        sys.exit(f"{guide}: {len(runnable)} blocks marked <!-- commands: run by ... -->, expected exactly one.")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(runnable[0].lines) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "commands":
        commands(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
