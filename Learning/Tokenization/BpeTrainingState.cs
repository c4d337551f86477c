using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace AgentRL.Learning.Tokenization;

/// <summary>
/// The working state of BPE training: every distinct chunk as its current ids with its corpus frequency, the count of
/// each adjacent pair weighted by frequency, which chunks hold each pair, and a max-queue of pairs by count.
/// A merge rewrites only the chunks holding its pair and adjusts only the counts that changed, so a merge costs
/// about the size of the chunks it touches rather than the size of the corpus.
/// </summary>
internal sealed class BpeTrainingState
{
    private readonly int[][] _symbols;
    private readonly int[] _lengths;
    private readonly long[] _frequencies;

    /// <summary>The last merge id that rewrote each chunk; skips chunks listed twice under one pair.</summary>
    private readonly int[] _lastMergeApplied;

    private readonly Dictionary<long, long> _pairCounts = [];

    /// <summary>Chunks that held each pair when it was indexed; may list chunks that no longer hold it (checked on use).</summary>
    private readonly Dictionary<long, List<int>> _chunksByPair = [];

    /// <summary>
    /// Pairs by (−count, pair key): the most frequent first, ties to the smaller ids. Entries go stale when a count
    /// changes; a fresh entry is queued instead, and stale ones are skipped when their count no longer matches.
    /// </summary>
    private readonly PriorityQueue<long, (long NegatedCount, long Pair)> _queue = new();

    private readonly Dictionary<long, long> _countChanges = [];

    public BpeTrainingState(Dictionary<string, long> chunkFrequencies)
    {
        // Sorted so the chunk numbering, and with it every list built below, is the same in every process.
        var chunks = chunkFrequencies.Keys.ToArray();
        Array.Sort(chunks, StringComparer.Ordinal);

        _symbols = new int[chunks.Length][];
        _lengths = new int[chunks.Length];
        _frequencies = new long[chunks.Length];
        _lastMergeApplied = new int[chunks.Length];
        for (var c = 0; c < chunks.Length; c++)
        {
            var bytes = Encoding.UTF8.GetBytes(chunks[c]);
            var symbols = new int[bytes.Length];
            for (var i = 0; i < bytes.Length; i++)
            {
                symbols[i] = bytes[i];
            }

            _symbols[c] = symbols;
            _lengths[c] = symbols.Length;
            _frequencies[c] = chunkFrequencies[chunks[c]];
            _lastMergeApplied[c] = -1;
            for (var i = 0; i + 1 < symbols.Length; i++)
            {
                var pair = TokenPairKey.Pack(symbols[i], symbols[i + 1]);
                CollectionsMarshal.GetValueRefOrAddDefault(_pairCounts, pair, out _) += _frequencies[c];
                IndexChunk(pair, c);
            }
        }

        foreach (var (pair, count) in _pairCounts)
        {
            _queue.Enqueue(pair, (-count, pair));
        }
    }

    /// <summary>Removes and returns the most frequent pair, unless none occurs at least <paramref name="minimumCount"/> times.</summary>
    public bool TryTakeMostFrequentPair(int minimumCount, out (int Left, int Right) pair)
    {
        while (_queue.TryDequeue(out var key, out var priority))
        {
            if (!_pairCounts.TryGetValue(key, out var count) || count != -priority.NegatedCount)
            {
                continue;
            }

            if (count < minimumCount)
            {
                break;
            }

            pair = (TokenPairKey.Left(key), TokenPairKey.Right(key));
            return true;
        }

        pair = default;
        return false;
    }

    /// <summary>Replaces every occurrence of <paramref name="pair"/>, left to right, by <paramref name="mergedId"/>.</summary>
    public void Merge((int Left, int Right) pair, int mergedId)
    {
        var (left, right) = pair;
        if (!_chunksByPair.Remove(TokenPairKey.Pack(left, right), out var holders))
        {
            return;
        }

        _countChanges.Clear();
        foreach (var c in holders)
        {
            if (_lastMergeApplied[c] == mergedId || !Holds(c, left, right))
            {
                continue;
            }

            _lastMergeApplied[c] = mergedId;
            var symbols = _symbols[c];
            var length = _lengths[c];
            var frequency = _frequencies[c];
            for (var i = 0; i + 1 < length; i++)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_countChanges, TokenPairKey.Pack(symbols[i], symbols[i + 1]), out _) -= frequency;
            }

            var write = 0;
            for (var read = 0; read < length; write++)
            {
                if (read + 1 < length && symbols[read] == left && symbols[read + 1] == right)
                {
                    symbols[write] = mergedId;
                    read += 2;
                }
                else
                {
                    symbols[write] = symbols[read];
                    read++;
                }
            }

            _lengths[c] = write;
            for (var i = 0; i + 1 < write; i++)
            {
                var newPair = TokenPairKey.Pack(symbols[i], symbols[i + 1]);
                CollectionsMarshal.GetValueRefOrAddDefault(_countChanges, newPair, out _) += frequency;

                // Pairs without the new id were already indexed for this chunk; only these are new to it.
                if (symbols[i] == mergedId || symbols[i + 1] == mergedId)
                {
                    IndexChunk(newPair, c);
                }
            }
        }

        foreach (var (changedPair, change) in _countChanges)
        {
            if (change == 0)
            {
                continue;
            }

            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairCounts, changedPair, out _);
            count += change;
            Debug.Assert(count >= 0, "A pair count went negative: the incremental counts drifted from the chunks.");
            if (count == 0)
            {
                _pairCounts.Remove(changedPair);
                _chunksByPair.Remove(changedPair);
            }
            else
            {
                _queue.Enqueue(changedPair, (-count, changedPair));
            }
        }
    }

    private bool Holds(int chunk, int left, int right)
    {
        var symbols = _symbols[chunk];
        var length = _lengths[chunk];
        for (var i = 0; i + 1 < length; i++)
        {
            if (symbols[i] == left && symbols[i + 1] == right)
            {
                return true;
            }
        }

        return false;
    }

    private void IndexChunk(long pair, int chunk)
    {
        ref var holders = ref CollectionsMarshal.GetValueRefOrAddDefault(_chunksByPair, pair, out _);
        holders ??= [];

        // A chunk's pairs are indexed together, so a repeat within the chunk is always the last entry.
        if (holders.Count == 0 || holders[^1] != chunk)
        {
            holders.Add(chunk);
        }
    }
}
