using AgentRL.Torch.Interop;

namespace AgentRL.Torch;

/// <summary>Process-wide libtorch settings and facts.</summary>
public static class TorchRuntime
{
    private const string ReferenceBlasWarning =
        "WARNING: libtorch is running on the reference BLAS (libblas.so.3 from the 'blas' package), which is about 10x " +
        "slower than OpenBLAS. Install libopenblas0-pthread (./scripts/setup.sh does) so it becomes the libblas.so.3 alternative.";

    private static int s_warned;

    /// <summary>Seeds libtorch's default generator: seeded runs are bit-identical.</summary>
    public static void ManualSeed(ulong seed)
    {
        EnsureChecked();
        Native.Check(Native.atr_manual_seed(seed));
    }

    /// <summary>
    /// Intra-op threads libtorch uses for its own element-wise and reduction work. Defaults to 1 (or
    /// AGENTRL_TORCH_THREADS): matrix products run in OpenBLAS's own pool over every core, and a second pool of the
    /// same size makes CPU training 2-3x slower on small machines.
    /// </summary>
    public static int Threads
    {
        get => Native.atr_get_num_threads();
        set => Native.Check(Native.atr_set_num_threads(value));
    }

    public static int CudaDeviceCount => Native.atr_cuda_device_count();

    public static bool CudaAvailable => CudaDeviceCount > 0;

    /// <summary>The device to train on by default: the first GPU if there is one.</summary>
    public static Device DefaultDevice => CudaAvailable ? Device.Cuda() : Device.Cpu;

    /// <summary>
    /// The glibc malloc settings the native shim applies to this process when it loads (agentrl_torch.cpp), as
    /// environment variables: for another process (a PyTorch peer in a benchmark) that should run under the same ones.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AllocatorEnvironment { get; } = new Dictionary<string, string>
    {
        ["MALLOC_MMAP_THRESHOLD_"] = "33554432",
        ["MALLOC_TRIM_THRESHOLD_"] = "1073741824",
        ["MALLOC_TOP_PAD_"] = "67108864",
    };

    /// <summary>Native tensors currently alive (created and not yet freed): for leak checks.</summary>
    public static long LiveTensors => Native.atr_live_tensors();

    /// <summary>The library behind the libblas.so.3 alternative, or null if it cannot be told.</summary>
    public static string? BlasLibrary
    {
        get
        {
            foreach (var link in new[] { "/etc/alternatives/libblas.so.3-x86_64-linux-gnu", "/etc/alternatives/libblas.so.3-aarch64-linux-gnu" })
            {
                if (File.Exists(link))
                {
                    return new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? link;
                }
            }

            return null;
        }
    }

    /// <summary>True when libtorch would use the slow reference BLAS.</summary>
    public static bool UsesReferenceBlas => BlasLibrary is { } path && path.Contains("/blas/", StringComparison.Ordinal);

    /// <summary>Warns loudly (once per process, on standard error) if the reference BLAS is in use.</summary>
    internal static void EnsureChecked()
    {
        if (Interlocked.Exchange(ref s_warned, 1) == 0 && UsesReferenceBlas)
        {
            Console.Error.WriteLine(ReferenceBlasWarning);
        }
    }
}
