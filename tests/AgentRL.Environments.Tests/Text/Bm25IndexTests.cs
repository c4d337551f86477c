using AgentRL.Environments.Text;

namespace AgentRL.Environments.Tests.Text;

public sealed class Bm25IndexTests
{
    [Fact]
    public void ScoresMatchTheBm25FormulaComputedByHand()
    {
        var index = new Bm25Index(["red ball red", "blue ball", "green box"]);

        var hits = index.Search("red", 10);

        // N = 3, df(red) = 1: idf = ln(1 + (3 - 1 + 0.5) / (1 + 0.5)); avgdl = 7/3; doc 0 has tf 2, length 3.
        var idf = Math.Log(1 + 2.5 / 1.5);
        var norm = 1.2 * (1 - 0.75 + 0.75 * 3 / (7.0 / 3));
        var expected = idf * 2 * 2.2 / (2 + norm);
        var hit = Assert.Single(hits);
        Assert.Equal(0, hit.Document);
        Assert.Equal(expected, hit.Score, 5);
    }

    [Fact]
    public void RanksByRelevanceAndBreaksTiesByDocumentNumber()
    {
        var index = new Bm25Index(["waterproof hiking boots", "hiking socks", "boots", "boots"]);

        var hits = index.Search("Waterproof BOOTS!", 3);

        Assert.Equal(0, hits[0].Document);
        Assert.Equal([2, 3], hits.Skip(1).Select(h => h.Document));
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Empty(index.Search("umbrella", 5));
        Assert.Empty(index.Search("", 5));
    }

    [Fact]
    public void TopKReturnsTheKBestInOrder()
    {
        var documents = Enumerable.Range(0, 200).Select(i => string.Join(' ', Enumerable.Repeat("term", i % 7 + 1)) + $" filler{i}").ToList();
        var index = new Bm25Index(documents);

        var top = index.Search("term", 10);
        var all = index.Search("term", 1000);

        Assert.Equal(10, top.Count);
        Assert.Equal(all.Take(10), top);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public async Task ScoresDoNotDependOnWhatOtherCodeLeftInPooledArrays()
    {
        var index = new Bm25Index(["alpha beta", "beta gamma", "gamma delta"]);
        var clean = index.Search("beta", 3);
        var dirty = System.Buffers.ArrayPool<float>.Shared.Rent(3);
        Array.Fill(dirty, 1000f);
        System.Buffers.ArrayPool<float>.Shared.Return(dirty);

        Assert.Equal(clean, index.Search("beta", 3));
        Assert.Equal(clean, await Task.Run(() => index.Search("beta", 3)));
    }

    [Fact]
    public void TokenizationLowercasesAndSplitsOnPunctuation()
    {
        Assert.Equal(["i", "need", "size", "9", "boots", "60", "00"], TextTokens.Tokenize("I need size-9 boots, $60.00!"));
        Assert.Equal("café crème", TextTokens.Normalize("  Café,  CRÈME. "));
    }
}
