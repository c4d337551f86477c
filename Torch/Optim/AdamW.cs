using AgentRL.Torch.Interop;
using AgentRL.Torch.Modules;

namespace AgentRL.Torch.Optim;

/// <summary>libtorch's AdamW (decoupled weight decay) over a fixed list of parameters.</summary>
public sealed class AdamW : IDisposable
{
    private IntPtr _optimizer;
    private double _learningRate;

    public unsafe AdamW(IReadOnlyList<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0.01)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        Parameters = parameters;
        var handles = parameters.Select(p => p.Handle).ToArray();
        fixed (IntPtr* h = handles)
        {
            _optimizer = Native.Check(Native.atr_adamw_new(h, handles.Length, learningRate, beta1, beta2, eps, weightDecay));
        }

        _learningRate = learningRate;
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The learning rate of the next steps (set it from a schedule).</summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            Native.Check(Native.atr_adamw_set_lr(Handle, value));
            _learningRate = value;
        }
    }

    private IntPtr Handle => _optimizer != IntPtr.Zero ? _optimizer : throw new ObjectDisposedException(nameof(AdamW));

    public void Step() => Native.Check(Native.atr_adamw_step(Handle));

    public void ZeroGrad() => Native.Check(Native.atr_adamw_zero_grad(Handle));

    /// <summary>
    /// The per-parameter state (first and second moments, step count), in parameter order; null for parameters that
    /// have not been stepped yet. The caller owns the returned tensors.
    /// </summary>
    public unsafe IReadOnlyList<AdamWParameterState?> ExportState()
    {
        var states = new AdamWParameterState?[Parameters.Count];
        for (var i = 0; i < states.Length; i++)
        {
            IntPtr expAvg, expAvgSq;
            long step;
            var status = Native.atr_adamw_get_state(Handle, i, &expAvg, &expAvgSq, &step);
            Native.Check(status);
            states[i] = status == 1 ? null : new AdamWParameterState(new Tensor(expAvg).DetachFromScope(), new Tensor(expAvgSq).DetachFromScope(), step);
        }

        return states;
    }

    /// <summary>Replaces the state of parameter <paramref name="index"/> (shapes must match the parameter).</summary>
    public void ImportState(int index, AdamWParameterState state) =>
        Native.Check(Native.atr_adamw_set_state(Handle, index, state.ExpAvg.Handle, state.ExpAvgSq.Handle, state.Step));

    public void Dispose()
    {
        var optimizer = Interlocked.Exchange(ref _optimizer, IntPtr.Zero);
        if (optimizer != IntPtr.Zero)
        {
            Native.atr_adamw_free(optimizer);
        }
    }
}
