#!/usr/bin/env bash
# The main job: train a policy on the gridworld with GRPO on an embedded silo (SQLite in ./data), showing live progress,
# then print the learning curve and write the run's metrics and HTML report under ./data/runs/. Extra arguments go to
# `agentrl train` (for example --minutes 5, --iterations 20, --run my-run --resume) and override the recipe below.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

# The recipe of the main job (README, "Set-up"): a base cloned from noisy demonstrations, then two DAgger rounds in which
# it plays and the expert labels the states it reached; GRPO with 16 tasks × 8 episodes per iteration, a 20-step warm-up
# and a penalty on rejected actions.
recipe=(--dagger-rounds 2 --dagger-episodes 300 --dagger-epochs 3 --tasks 16 --warmup-steps 20 --invalid-penalty 1)
arguments=()
for ((i = 0; i < ${#recipe[@]}; i += 2)); do
    given=false
    for argument in "$@"; do
        if [[ "$argument" == "${recipe[i]}" || "$argument" == "${recipe[i]}="* ]]; then
            given=true
        fi
    done
    if [[ "$given" == false ]]; then
        arguments+=("${recipe[i]}" "${recipe[i + 1]}")
    fi
done

exec dotnet Client/Cli/bin/Release/net10.0/agentrl.dll train "${arguments[@]}" "$@"
