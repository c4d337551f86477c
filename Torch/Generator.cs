using AgentRL.Torch.Interop;

namespace AgentRL.Torch;

/// <summary>
/// A seeded random stream of its own (CPU), independent of the default generator: e.g. one for action sampling and
/// another for dropout, so that changing one does not shift the other.
/// </summary>
public sealed class Generator : IDisposable
{
    private IntPtr _handle;

    public Generator(ulong seed)
    {
        _handle = Native.Check(Native.atr_generator_new(seed));
    }

    internal IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(Generator));

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (handle != IntPtr.Zero)
        {
            Native.atr_generator_free(handle);
        }
    }
}
