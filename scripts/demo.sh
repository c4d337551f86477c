#!/usr/bin/env bash
# The main job: train a policy on the gridworld with GRPO on an embedded silo (SQLite in ./data), showing live progress,
# then print the learning curve and write the run's metrics and HTML report under ./data/runs/. Extra arguments go to
# `agentrl train` (for example --minutes 5, --iterations 20, --run my-run --resume).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec dotnet Client/Cli/bin/Release/net10.0/agentrl.dll train "$@"
