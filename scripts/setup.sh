#!/usr/bin/env bash
# Installs what the project needs on a fresh machine of this kind and builds it (Release). Idempotent.
#   - the .NET 10 SDK must be present (it is on this machine kind);
#   - libtorch (Debian's libtorch-dev, CPU) and OpenBLAS, so that libtorch does not run on the ~10x slower
#     reference BLAS; the Torch/ project compiles its native shim against them with CMake;
#   - PostgreSQL's server binaries: the membership tests start a private server on loopback.
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

packages=(libtorch-dev libopenblas0-pthread cmake g++ postgresql)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: installing ${missing[*]} needs root (or sudo)." >&2; exit 1; }
    sudo="sudo"
  fi
  echo "setup: installing ${missing[*]} (once; about a minute)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build AgentRL.sln -c Release -v quiet -nologo
