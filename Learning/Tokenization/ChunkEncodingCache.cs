using System.Collections.Concurrent;

namespace AgentRL.Learning.Tokenization;

/// <summary>
/// Remembers the token ids of chunks already encoded. Environment text repeats the same few hundred words, so after
/// warm-up almost every chunk is one lock-free lookup keyed by the chunk's characters (no string is allocated to look
/// it up). Bounded: when it fills it starts over, which costs a re-warm but never unbounded memory on adversarial input.
/// </summary>
internal sealed class ChunkEncodingCache
{
    private readonly ConcurrentDictionary<string, int[]> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _capacity;
    private int _count;

    public ChunkEncodingCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The cached ids of <paramref name="chunk"/>; callers must not modify the array.</summary>
    public bool TryGet(ReadOnlySpan<char> chunk, out int[] ids) => _bySpan.TryGetValue(chunk, out ids!);

    public void Add(ReadOnlySpan<char> chunk, int[] ids)
    {
        if (!_bySpan.TryAdd(chunk, ids))
        {
            return;
        }

        // The count is approximate under races, which only moves the moment of the reset a little.
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
    }
}
