namespace AgentRL.Environments.Text;

/// <summary>
/// An immutable Okapi BM25 index over a fixed list of documents. Each posting stores its saturated, length-normalised
/// term weight, so a query costs one multiply-add per posting of its terms. Searching is thread-safe and results are
/// deterministic: ties are broken by document number.
/// </summary>
public sealed class Bm25Index
{
    private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
    private readonly int[][] _postingDocuments;
    private readonly float[][] _postingWeights;
    private readonly float[] _idf;

    // Per-thread score accumulator. Only this class writes it, and it zeroes what it touched after every query, so it
    // is all zeros between queries (a pooled array would come back with someone else's data in it).
    [ThreadStatic]
    private static float[]? t_scores;

    [ThreadStatic]
    private static List<int>? t_touched;

    public Bm25Index(IReadOnlyList<string> documents, double k1 = 1.2, double b = 0.75)
    {
        Count = documents.Count;
        var tokenized = new List<string>[documents.Count];
        long totalLength = 0;
        for (var d = 0; d < documents.Count; d++)
        {
            tokenized[d] = TextTokens.Tokenize(documents[d]);
            totalLength += tokenized[d].Count;
        }

        var averageLength = Math.Max(1.0, (double)totalLength / Math.Max(1, documents.Count));
        var documentsByTerm = new List<List<(int Document, float Weight)>>();
        var counts = new Dictionary<int, int>();
        for (var d = 0; d < documents.Count; d++)
        {
            counts.Clear();
            foreach (var token in tokenized[d])
            {
                if (!_terms.TryGetValue(token, out var term))
                {
                    term = _terms.Count;
                    _terms.Add(token, term);
                    documentsByTerm.Add([]);
                }

                counts[term] = counts.GetValueOrDefault(term) + 1;
            }

            var norm = k1 * (1 - b + b * tokenized[d].Count / averageLength);
            foreach (var (term, frequency) in counts)
            {
                documentsByTerm[term].Add((d, (float)(frequency * (k1 + 1) / (frequency + norm))));
            }
        }

        _postingDocuments = new int[_terms.Count][];
        _postingWeights = new float[_terms.Count][];
        _idf = new float[_terms.Count];
        for (var t = 0; t < _terms.Count; t++)
        {
            var postings = documentsByTerm[t];
            _postingDocuments[t] = postings.Select(p => p.Document).ToArray();
            _postingWeights[t] = postings.Select(p => p.Weight).ToArray();
            _idf[t] = (float)Math.Log(1 + (Count - postings.Count + 0.5) / (postings.Count + 0.5));
        }
    }

    /// <summary>Documents in the index.</summary>
    public int Count { get; }

    /// <summary>Distinct terms in the index.</summary>
    public int TermCount => _terms.Count;

    /// <summary>The best <paramref name="topK"/> documents for <paramref name="query"/>, best first; only documents sharing a term.</summary>
    public IReadOnlyList<SearchHit> Search(string query, int topK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var terms = new List<int>();
        foreach (var token in TextTokens.Tokenize(query))
        {
            if (_terms.TryGetValue(token, out var id) && !terms.Contains(id))
            {
                terms.Add(id);
            }
        }

        if (terms.Count == 0 || Count == 0)
        {
            return [];
        }

        var scores = t_scores is { } existing && existing.Length >= Count ? existing : t_scores = new float[Count];
        var touched = t_touched ??= [];
        try
        {
            foreach (var term in terms)
            {
                var idf = _idf[term];
                var documents = _postingDocuments[term];
                var weights = _postingWeights[term];
                for (var i = 0; i < documents.Length; i++)
                {
                    var document = documents[i];
                    if (scores[document] == 0)
                    {
                        touched.Add(document);
                    }

                    scores[document] += idf * weights[i];
                }
            }

            return TopK(scores, touched, topK);
        }
        finally
        {
            foreach (var document in touched)
            {
                scores[document] = 0;
            }

            touched.Clear();
        }
    }

    /// <summary>
    /// The k best by score, ties to the lower document number, kept in a small sorted buffer: after the first few
    /// documents almost every candidate loses to the current k-th and costs one comparison.
    /// </summary>
    private static SearchHit[] TopK(float[] scores, List<int> touched, int topK)
    {
        var best = new SearchHit[Math.Min(topK, touched.Count)];
        var count = 0;
        foreach (var document in touched)
        {
            var hit = new SearchHit(document, scores[document]);
            if (count == best.Length)
            {
                if (!Outranks(hit, best[count - 1]))
                {
                    continue;
                }

                count--;
            }

            var slot = count++;
            while (slot > 0 && Outranks(hit, best[slot - 1]))
            {
                best[slot] = best[slot - 1];
                slot--;
            }

            best[slot] = hit;
        }

        return best;
    }

    private static bool Outranks(SearchHit a, SearchHit b) => a.Score > b.Score || (a.Score == b.Score && a.Document < b.Document);
}
