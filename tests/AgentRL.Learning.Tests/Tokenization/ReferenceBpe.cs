using System.Text;
using AgentRL.Learning.Tokenization;

namespace AgentRL.Learning.Tests.Tokenization;

/// <summary>
/// Slow, obviously correct BPE to check the fast one against: training recounts every pair before each merge, and
/// encoding replays every merge in order over every chunk.
/// </summary>
internal static class ReferenceBpe
{
    public static List<(int Left, int Right)> Train(IEnumerable<string> corpus, int mergeCount, int minimumPairFrequency = 2)
    {
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in corpus)
        {
            foreach (var chunk in Chunks(text))
            {
                frequencies[chunk] = frequencies.GetValueOrDefault(chunk) + 1;
            }
        }

        var words = frequencies.Select(entry => (Ids: Bytes(entry.Key), Frequency: entry.Value)).ToList();
        var merges = new List<(int Left, int Right)>();
        while (merges.Count < mergeCount)
        {
            var counts = new Dictionary<(int Left, int Right), long>();
            foreach (var (ids, frequency) in words)
            {
                for (var i = 0; i + 1 < ids.Count; i++)
                {
                    counts[(ids[i], ids[i + 1])] = counts.GetValueOrDefault((ids[i], ids[i + 1])) + frequency;
                }
            }

            if (counts.Count == 0)
            {
                break;
            }

            var best = counts.OrderByDescending(entry => entry.Value).ThenBy(entry => entry.Key.Left).ThenBy(entry => entry.Key.Right).First();
            if (best.Value < minimumPairFrequency)
            {
                break;
            }

            var mergedId = BpeTokenizer.ByteCount + merges.Count;
            foreach (var (ids, _) in words)
            {
                Replace(ids, best.Key, mergedId);
            }

            merges.Add(best.Key);
        }

        return merges;
    }

    public static List<int> Encode(IReadOnlyList<(int Left, int Right)> merges, string text)
    {
        var result = new List<int>();
        foreach (var chunk in Chunks(text))
        {
            var ids = Bytes(chunk);
            for (var m = 0; m < merges.Count; m++)
            {
                Replace(ids, merges[m], BpeTokenizer.ByteCount + m);
            }

            result.AddRange(ids);
        }

        return result;
    }

    private static IEnumerable<string> Chunks(string text)
    {
        for (var start = 0; start < text.Length;)
        {
            var length = TextChunker.NextChunkLength(text.AsSpan(start));
            yield return text.Substring(start, length);
            start += length;
        }
    }

    private static List<int> Bytes(string chunk) => [.. Encoding.UTF8.GetBytes(chunk).Select(b => (int)b)];

    private static void Replace(List<int> ids, (int Left, int Right) pair, int mergedId)
    {
        for (var i = 0; i + 1 < ids.Count; i++)
        {
            if (ids[i] == pair.Left && ids[i + 1] == pair.Right)
            {
                ids[i] = mergedId;
                ids.RemoveAt(i + 1);
            }
        }
    }
}
