namespace AgentRL.Environments.Shop;

/// <summary>
/// SplitMix64: tiny, fast and specified bit for bit, so catalogues and tasks are identical on every runtime and
/// platform (System.Random's algorithm is an implementation detail).
/// </summary>
internal struct ShopRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A seed for one independent stream, e.g. (content seed, "products", product index).</summary>
    public static ulong Seed(int contentSeed, int stream, int index)
    {
        var mixer = new ShopRandom(((ulong)(uint)contentSeed << 32) | (uint)stream);
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
