#!/usr/bin/env bash
# The main job: an embedded silo with SQLite storage (./data) exercising grains. Extra arguments go to `agentrl demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec dotnet Client/Cli/bin/Release/net10.0/agentrl.dll demo "$@"
