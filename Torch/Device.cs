namespace AgentRL.Torch;

/// <summary>Where a tensor lives: the CPU, or CUDA device N.</summary>
public readonly record struct Device(DeviceType Type, int Index = 0)
{
    public static readonly Device Cpu = new(DeviceType.Cpu);

    public static Device Cuda(int index = 0) => new(DeviceType.Cuda, index);

    /// <summary>"cpu", "cuda" or "cuda:N".</summary>
    public static Device Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "cpu" => Cpu,
        "cuda" => Cuda(),
        var t when t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t.AsSpan(5), out var index) && index >= 0 => Cuda(index),
        _ => throw new FormatException($"'{text}' is not a device; use cpu, cuda or cuda:N."),
    };

    /// <summary>
    /// <see cref="Parse"/>, plus "auto": the first CUDA device when libtorch sees one, else the CPU. A CUDA device that is
    /// not there fails here, with the devices that are, rather than at the first tensor.
    /// </summary>
    public static Device Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return TorchRuntime.DefaultDevice;
        }

        var device = Parse(text);
        if (device.Type == DeviceType.Cuda && device.Index >= TorchRuntime.CudaDeviceCount)
        {
            throw new InvalidOperationException($"'{text}' names a CUDA device, but libtorch sees {TorchRuntime.CudaDeviceCount} (is the shim built against a CUDA libtorch? scripts/build-torch-cuda.sh).");
        }

        return device;
    }

    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : $"cuda:{Index}";
}
