namespace AgentRL.Environments.Generation;

/// <summary>
/// SplitMix64: tiny, fast and specified bit for bit, so catalogues, levels, knowledge bases and tasks are identical on
/// every runtime and platform (System.Random's algorithm is an implementation detail that may change).
/// </summary>
public sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A seed for one independent stream, e.g. (content seed, "products", product index).</summary>
    public static ulong Seed(int contentSeed, int stream, int index)
    {
        var mixer = new DeterministicRandom(((ulong)(uint)contentSeed << 32) | (uint)stream);
        return mixer.NextUInt64() ^ (ulong)(uint)index * 0xD6E8FEB86659FD93UL;
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public int Next(int exclusiveMax) => (int)(((NextUInt64() >> 33) * (ulong)exclusiveMax) >> 31);

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="exclusiveMax"/>).</summary>
    public int Next(int min, int exclusiveMax) => min + Next(exclusiveMax - min);

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fisher–Yates, in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>
    /// <paramref name="count"/> distinct positions of [0, <paramref name="length"/>) in ascending order, so picked
    /// attributes and option values keep their natural order.
    /// </summary>
    public int[] Subset(int length, int count)
    {
        Span<int> positions = stackalloc int[length];
        for (var i = 0; i < length; i++)
        {
            positions[i] = i;
        }

        for (var i = 0; i < count; i++)
        {
            var j = Next(i, length);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }

        var chosen = positions[..count].ToArray();
        Array.Sort(chosen);
        return chosen;
    }
}
