using System.Runtime.InteropServices;

namespace AgentRL.Learning.Policy;

/// <summary>
/// The distinct rows of a batch of prompts or (prompt, continuation) pairs. Rollouts of a group start alike and a
/// sharpened policy keeps them alike for several turns, so a batch of turns often holds the same row many times; running
/// each distinct row once and copying the result (an index-select, whose gradient sums over the copies) gives the same
/// values for less work.
/// </summary>
public static class DistinctRows
{
    /// <summary>The distinct rows of a batch of prompts (see the overload for pairs).</summary>
    public static (int[] Representatives, long[] RowOf) Find(IReadOnlyList<int[]> prompts) => Find(prompts, prompts.Select(_ => Array.Empty<int>()).ToList());

    /// <summary>
    /// <c>Representatives</c>: the index of the first row of each distinct pair, in order of first appearance;
    /// <c>RowOf</c>: for every row, the position of its pair among the representatives.
    /// </summary>
    public static (int[] Representatives, long[] RowOf) Find(IReadOnlyList<int[]> prompts, IReadOnlyList<int[]> continuations)
    {
        var seen = new Dictionary<(int[] Prompt, int[] Continuation), int>(prompts.Count, PairComparer.Instance);
        var representatives = new List<int>();
        var rowOf = new long[prompts.Count];
        for (var row = 0; row < prompts.Count; row++)
        {
            if (!seen.TryGetValue((prompts[row], continuations[row]), out var position))
            {
                position = representatives.Count;
                seen.Add((prompts[row], continuations[row]), position);
                representatives.Add(row);
            }

            rowOf[row] = position;
        }

        return ([.. representatives], rowOf);
    }

    private sealed class PairComparer : IEqualityComparer<(int[] Prompt, int[] Continuation)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((int[] Prompt, int[] Continuation) x, (int[] Prompt, int[] Continuation) y) =>
            x.Prompt.AsSpan().SequenceEqual(y.Prompt) && x.Continuation.AsSpan().SequenceEqual(y.Continuation);

        public int GetHashCode((int[] Prompt, int[] Continuation) pair)
        {
            var hash = new HashCode();
            hash.AddBytes(MemoryMarshal.AsBytes(pair.Prompt.AsSpan()));
            hash.Add(pair.Prompt.Length);
            hash.AddBytes(MemoryMarshal.AsBytes(pair.Continuation.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
