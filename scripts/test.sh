#!/usr/bin/env bash
# Builds and runs every test project, then prints the closing line CI reads: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh || exit 1

results=artifacts/test-results
rm -rf "$results"
dotnet test AgentRL.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@"
status=$?

passed=0 failed=0 skipped=0 found=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(value total); executed=$(value executed)
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + total - executed))
done

if [ "$found" -eq 0 ]; then
  echo "test: no test results were written" >&2
  status=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit $status
