using AgentRL.Environments.Text;

namespace AgentRL.Environments.Search;

/// <summary>
/// Answer grading shared by the environment and learners (IGPO's answer-turn reward): words as <see cref="TextTokens"/>
/// splits them (lower-cased, punctuation dropped); F1 over the sets of words; exact match on the normalised word sequence.
/// </summary>
public static class AnswerGrading
{
    public static double TokenF1(string? prediction, string? gold)
    {
        var predicted = TextTokens.Tokenize(prediction).ToHashSet(StringComparer.Ordinal);
        var expected = TextTokens.Tokenize(gold).ToHashSet(StringComparer.Ordinal);
        if (predicted.Count == 0 || expected.Count == 0)
        {
            return 0;
        }

        var common = predicted.Count(expected.Contains);
        if (common == 0)
        {
            return 0;
        }

        var precision = (double)common / predicted.Count;
        var recall = (double)common / expected.Count;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>True when both have words and the words agree in order (case and punctuation aside).</summary>
    public static bool IsExactMatch(string? prediction, string? gold)
    {
        var normalized = TextTokens.Normalize(prediction);
        return normalized.Length > 0 && normalized == TextTokens.Normalize(gold);
    }

    /// <summary>F1 against the best-matching alias; exact match against any alias.</summary>
    public static AnswerGrade Grade(string? prediction, IReadOnlyList<string> aliases)
    {
        var best = 0.0;
        var exact = false;
        foreach (var alias in aliases)
        {
            best = Math.Max(best, TokenF1(prediction, alias));
            exact |= IsExactMatch(prediction, alias);
        }

        return new AnswerGrade(best, exact);
    }
}
