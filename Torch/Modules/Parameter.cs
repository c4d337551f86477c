namespace AgentRL.Torch.Modules;

/// <summary>A trainable tensor owned by a <see cref="Module"/>: it requires gradients and lives as long as its module.</summary>
public sealed class Parameter : Tensor
{
    /// <summary>Takes over <paramref name="initial"/>'s storage (which becomes disposed), outside any dispose scope.</summary>
    public Parameter(Tensor initial, bool requiresGrad = true)
        : base(CreateOutsideScopes(initial), trackInScope: false)
    {
        RequiresGrad = requiresGrad;
    }

    private static IntPtr CreateOutsideScopes(Tensor initial)
    {
        // A detached leaf: parameters must not carry the history of how they were initialised.
        using var leaf = initial.Detach();
        initial.Dispose();
        var handle = leaf.Release();
        return handle;
    }
}
