using System.Collections.Concurrent;

namespace AgentRL.Environments.Generation;

/// <summary>
/// Generated content (catalogues, knowledge bases) built once per key and shared by every environment instance; a
/// build that fails is not remembered, so the next request tries again instead of rethrowing a stale exception.
/// </summary>
internal sealed class ContentCache<TKey, TContent>(Func<TKey, TContent> build) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<TContent>> _entries = new();

    public TContent Get(TKey key)
    {
        var entry = _entries.GetOrAdd(key, k => new Lazy<TContent>(() => build(k)));
        try
        {
            return entry.Value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<TKey, Lazy<TContent>>(key, entry));
            throw;
        }
    }
}
