using AgentRL.Torch.Interop;

namespace AgentRL.Torch;

/// <summary>Disables autograd recording on this thread until disposed: <c>using (new NoGrad()) { ... }</c>.</summary>
public readonly struct NoGrad : IDisposable
{
    private readonly bool _previous;

    public NoGrad()
    {
        _previous = Native.atr_set_grad_enabled(0) != 0;
    }

    public void Dispose() => Native.atr_set_grad_enabled(_previous ? 1 : 0);
}
