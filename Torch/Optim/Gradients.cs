using AgentRL.Torch.Interop;
using AgentRL.Torch.Modules;

namespace AgentRL.Torch.Optim;

public static class Gradients
{
    /// <summary>Scales all gradients so their joint L2 norm is at most <paramref name="maxNorm"/>; returns the norm before clipping.</summary>
    public static unsafe double ClipNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        var handles = parameters.Select(p => p.Handle).ToArray();
        double norm;
        fixed (IntPtr* h = handles)
        {
            norm = Native.atr_clip_grad_norm(h, handles.Length, maxNorm);
        }

        return norm >= 0 ? norm : throw Native.LastError();
    }
}
