using System.Text;

namespace AgentRL.Environments.Text;

/// <summary>
/// The one word splitter every environment uses (search indexes, answer grading, instruction matching): maximal
/// runs of letters and digits, lower-cased. Punctuation and whitespace separate words.
/// </summary>
public static class TextTokens
{
    public static List<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    /// <summary>Lower-cased words joined by single spaces: the canonical form for comparing short texts.</summary>
    public static string Normalize(string? text) => string.Join(' ', Tokenize(text));
}
