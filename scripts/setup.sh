#!/usr/bin/env bash
# Installs what the project needs on a fresh machine of this kind and builds it (Release). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi

sdk_major=$(dotnet --version | cut -d. -f1)
if [ "$sdk_major" -lt 10 ]; then
  echo "setup: the .NET 10 SDK is required; found $(dotnet --version)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build AgentRL.sln -c Release -v quiet -nologo -clp:NoSummary
