namespace AgentRL.Runtime.TestGrains;

public interface IThrowingGrain : IGrainWithStringKey
{
    Task Throw(string kind, string message);

    Task<int> ThrowAfterAwait(string message);

    ValueTask<int> ThrowSynchronously(string message);

    /// <summary>Counts calls, proving the activation survived earlier exceptions.</summary>
    Task<int> Ping();
}

/// <summary>An application exception type the remote side does not know how to rebuild.</summary>
public sealed class ShopClosedException(string message) : Exception(message);

public sealed class ThrowingGrain : Grain, IThrowingGrain
{
    private int _pings;

    public Task Throw(string kind, string message) => kind switch
    {
        "invalid-operation" => throw new InvalidOperationException(message),
        "argument" => throw new ArgumentException(message),
        "key-not-found" => throw new KeyNotFoundException(message),
        "custom" => throw new ShopClosedException(message),
        _ => throw new NotSupportedException(message),
    };

    public async Task<int> ThrowAfterAwait(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public ValueTask<int> ThrowSynchronously(string message) => throw new FormatException(message);

    public Task<int> Ping() => Task.FromResult(++_pings);
}
