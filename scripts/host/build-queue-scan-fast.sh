#!/bin/bash
# build-queue-scan-fast.sh SOURCE OUTPUT [CC_ARG...] - compiles the queue
# reader mw-queue-scan-fast.c with this host's cc and the hardening flags.
#
# The one place those flags are written down: the enroll script runs it on
# every mail host (and so on the lab, which is enrolled the same way), the
# tests build with it too, so what they test is what hosts run. CC_ARGs go
# last (the tests add -Werror, or sanitizers).
#
# A hardening flag this cc does not take (an old gcc, clang, another
# linker) is left out rather than costing the host its compiled reader:
# each is tried on a small program first and kept only if that builds
# without a word on stderr. On success stdout says what was left out (one
# line, empty when nothing was). Exit 3 without a cc; otherwise cc's own
# status, its messages on stderr. No cc at all is the caller's case: the
# console then uses the Perl reader.
set -euo pipefail
export LC_ALL=C

(($# >= 2)) || { echo "usage: build-queue-scan-fast.sh SOURCE OUTPUT [CC_ARG...]" >&2; exit 2; }
src=$1 out=$2
shift 2
command -v cc >/dev/null 2>&1 || { echo "build-queue-scan-fast.sh: no cc" >&2; exit 3; }

BASE=(-std=c11 -O2 -Wall -Wextra)
# Alternatives separated by '|', the first that builds wins. -U first: a
# compiler that predefines _FORTIFY_SOURCE would warn of a redefinition.
HARDENING=(
  '-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2'
  '-fstack-protector-strong|-fstack-protector'
  '-fPIE -pie'
  '-Wl,-z,relro'
  '-Wl,-z,now'
)

probe_dir=$(mktemp -d)
trap 'rm -rf "$probe_dir"' EXIT
# Uses what the fortified and protected code paths touch: string.h, a stack array.
cat >"$probe_dir/probe.c" <<'EOF'
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
  char b[16];
  strncpy(b, argc > 1 ? argv[1] : "", sizeof b - 1);
  b[sizeof b - 1] = 0;
  return puts(b) < 0;
}
EOF

builds() {
  local log
  log=$(cc "$@" -o "$probe_dir/probe" "$probe_dir/probe.c" 2>&1) && [[ -z $log ]]
}

flags=("${BASE[@]}")
left_out='' # a string, not an array: bash 4.2's set -u refuses an empty one
for group in "${HARDENING[@]}"; do
  kept=''
  IFS='|' read -r -a choices <<<"$group"
  for choice in "${choices[@]}"; do
    read -r -a words <<<"$choice"
    if builds "${flags[@]}" "${words[@]}"; then
      flags+=("${words[@]}")
      kept=$choice
      break
    fi
  done
  if [[ -z $kept ]]; then
    left_out+="${left_out:+, }${choices[0]}"
  elif [[ $kept != "${choices[0]}" ]]; then
    left_out+="${left_out:+, }${choices[0]} ($kept instead)"
  fi
done

cc "${flags[@]}" "$@" -o "$out" "$src"
echo "$left_out"
