using AgentRL.Environments.Generation;
using AgentRL.Torch;

namespace AgentRL.Policy.Benchmarks;

/// <summary>
/// The seeded token ids both sides work on: the generation prompts (all the same length, so no padding) and the
/// training sequences.
/// </summary>
internal sealed record BenchmarkInputs(int[][] Prompts, int[][] TrainingSequences)
{
    public static BenchmarkInputs Create(int vocabulary, int prompts, int promptLength, int sequences, int sequenceLength, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        int[][] Rows(int count, int length) =>
            Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, length).Select(_ => random.Next(vocabulary)).ToArray()).ToArray();
        return new BenchmarkInputs(Rows(prompts, promptLength), Rows(sequences, sequenceLength));
    }

    /// <summary>Equal-length rows as an int64 tensor [rows, length].</summary>
    public static Tensor ToTensor(IReadOnlyList<int[]> rows)
    {
        var length = rows[0].Length;
        if (rows.Any(r => r.Length != length))
        {
            throw new ArgumentException("The rows must all have the same length.", nameof(rows));
        }

        return Tensor.FromArray(rows.SelectMany(r => r).Select(t => (long)t).ToArray(), rows.Count, length);
    }
}
