using System.Diagnostics;
using AgentRL.Environments.Search;
using AgentRL.Environments.Text;

namespace AgentRL.Environments.Benchmarks;

/// <summary>BM25 top-3 queries per second over the search tool's default corpus, one thread.</summary>
internal static class SearchQueryBenchmark
{
    public sealed record Result(double QueriesPerSecond, int Passages);

    public static Result Run(TimeSpan duration)
    {
        var knowledge = SearchKnowledgeBase.Generate(new SearchOptions());
        var random = new Random(3);

        // Queries shaped like an agent's: three or four words drawn from a passage (names, relations, years).
        var queries = Enumerable.Range(0, 2_000).Select(_ =>
        {
            var words = TextTokens.Tokenize(knowledge.Passages[random.Next(knowledge.Passages.Count)].Text);
            return string.Join(' ', Enumerable.Range(0, random.Next(3, 5)).Select(_ => words[random.Next(words.Count)]));
        }).ToArray();

        Measure(knowledge, queries, TimeSpan.FromSeconds(1));
        return new Result(Measure(knowledge, queries, duration), knowledge.Passages.Count);
    }

    private static double Measure(SearchKnowledgeBase knowledge, string[] queries, TimeSpan duration)
    {
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            foreach (var query in queries)
            {
                knowledge.Search(query, 3);
            }

            count += queries.Length;
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}
