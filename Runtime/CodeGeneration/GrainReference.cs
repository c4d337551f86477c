namespace AgentRL.Runtime.CodeGeneration;

/// <summary>
/// Base class of generated grain proxies. A reference is just (interface, key) plus the runtime it sends through: it
/// is cheap to create, holds no activation, and can be passed to other grains.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    protected GrainReference(IGrainCallInvoker invoker, GrainInterfaceDescriptor interfaceDescriptor, string key)
    {
        Invoker = invoker;
        Interface = interfaceDescriptor;
        Key = key;
    }

    public GrainInterfaceDescriptor Interface { get; }

    /// <summary>The key in its canonical string form (see <see cref="GrainKeys"/>).</summary>
    public string Key { get; }

    internal IGrainCallInvoker Invoker { get; }

    /// <summary>A per-reference cache the invoker may use (the local activation last used).</summary>
    internal object? CachedTarget { get; set; }

    protected Task<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request)
    {
        var pending = Invoker.InvokeAsync(this, request);
        return pending.IsCompletedSuccessfully ? Task.FromResult(pending.Result) : pending.AsTask();
    }

    protected Task InvokeAsync(GrainRequest<Unit> request)
    {
        var pending = Invoker.InvokeAsync(this, request);
        return pending.IsCompletedSuccessfully ? Task.CompletedTask : pending.AsTask();
    }

    protected ValueTask<TResult> InvokeValueTaskAsync<TResult>(GrainRequest<TResult> request) => Invoker.InvokeAsync(this, request);

    protected ValueTask InvokeValueTaskAsync(GrainRequest<Unit> request)
    {
        var pending = Invoker.InvokeAsync(this, request);
        return pending.IsCompletedSuccessfully ? default : new ValueTask(pending.AsTask());
    }

    public bool Equals(GrainReference? other) =>
        other is not null && ReferenceEquals(Interface, other.Interface) && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    public override int GetHashCode() => HashCode.Combine(Interface.Id, Key);

    public override string ToString() => $"{Interface.Name}/{Key}";
}
