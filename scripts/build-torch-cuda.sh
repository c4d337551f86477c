#!/usr/bin/env bash
# Builds the native shim against the libtorch inside a CUDA PyTorch install, on a GPU host.
#   scripts/build-torch-cuda.sh [output-folder]
# With a .NET SDK present it rebuilds the Torch project (the shim lands next to its assembly and those of every
# project referencing it); without one it builds only the shim with CMake and copies it to output-folder, next to a
# published (self-contained) AgentRL build. Then run the tests there; they use CUDA when TorchRuntime.CudaAvailable.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
prefix=$("$python" -c "import torch; print(torch.utils.cmake_prefix_path)")
cuda=$("$python" -c "import torch; print(torch.version.cuda or 'none')")
echo "build-torch-cuda: libtorch from $prefix (CUDA $cuda)"

if command -v dotnet >/dev/null 2>&1 && [ -n "$(dotnet --list-sdks 2>/dev/null)" ]; then
  dotnet build Torch -c Release -p:TorchCMakePrefixPath="$prefix"
else
  build=Torch/obj/native/cuda
  cmake -S Torch/native -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix"
  cmake --build "$build" -j "$(nproc)"
  output=${1:-.}
  cp "$build/libagentrl_torch.so" "$output/"
  echo "build-torch-cuda: copied libagentrl_torch.so to $output"
fi
