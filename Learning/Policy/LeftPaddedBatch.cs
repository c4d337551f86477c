namespace AgentRL.Learning.Policy;

/// <summary>
/// Token sequences of different lengths as one [B, L] batch, left-padded so that every sequence ends at the last
/// position: the token ids and the key-padding mask (true where padding), both row-major.
/// </summary>
internal static class LeftPaddedBatch
{
    public static (long[] Tokens, bool[] Padding, int Length) Build(IReadOnlyList<int[]> sequences, int paddingToken)
    {
        var batch = sequences.Count;
        var length = sequences.Max(s => s.Length);
        var tokens = new long[batch * length];
        var padding = new bool[batch * length];
        for (var b = 0; b < batch; b++)
        {
            var offset = length - sequences[b].Length;
            for (var i = 0; i < length; i++)
            {
                padding[b * length + i] = i < offset;
                tokens[b * length + i] = i < offset ? paddingToken : sequences[b][i - offset];
            }
        }

        return (tokens, padding, length);
    }
}
