namespace AgentRL.Torch;

/// <summary>
/// Frees every tensor created inside it when disposed, except those moved out with <see cref="Tensor.MoveToOuterScope"/>
/// (or <see cref="Detach"/>ed from it). Scopes nest per thread; tensors made outside any scope are the caller's to dispose.
/// <code>using (DisposeScope.Begin()) { var loss = ...; return loss.MoveToOuterScope(); }</code>
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? t_current;

    private readonly HashSet<Tensor> _tensors = new(ReferenceEqualityComparer.Instance);
    private readonly DisposeScope? _outer;
    private bool _disposed;

    private DisposeScope(DisposeScope? outer)
    {
        _outer = outer;
    }

    internal static DisposeScope? Current => t_current;

    public static DisposeScope Begin() => t_current = new DisposeScope(t_current);

    /// <summary>Tensors this scope will free.</summary>
    public int Count => _tensors.Count;

    internal void Register(Tensor tensor) => _tensors.Add(tensor);

    /// <summary>Stops tracking <paramref name="tensor"/>: it is now the caller's (or the outer scope's) to free.</summary>
    internal void Detach(Tensor tensor) => _tensors.Remove(tensor);

    internal DisposeScope? Outer => _outer;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!ReferenceEquals(t_current, this))
        {
            throw new InvalidOperationException("Dispose scopes must be disposed in the reverse order they began, on the thread that began them.");
        }

        t_current = _outer;
        foreach (var tensor in _tensors)
        {
            tensor.Dispose();
        }

        _tensors.Clear();
    }
}
