namespace AgentRL.Environments;

/// <summary>
/// Lenient parsing of agent actions, shared by the environments: case, surrounding whitespace and optional outer
/// brackets are forgiven; meaning is not.
/// </summary>
public static class ActionText
{
    /// <summary>Actions longer than this are rejected unread (an agent can emit anything, including megabytes).</summary>
    public const int MaxLength = 1024;

    /// <summary>
    /// Lower-cases, trims, collapses inner whitespace and removes one pair of enclosing brackets ("[go forward]").
    /// Returns null for an empty or over-long action.
    /// </summary>
    public static string? Normalize(string? action)
    {
        if (action is null || action.Length > MaxLength)
        {
            return null;
        }

        var text = string.Join(' ', action.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        if (text.Length >= 2 && ((text[0] == '[' && text[^1] == ']') || (text[0] == '(' && text[^1] == ')')))
        {
            text = text[1..^1].Trim();
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// Parses "verb[argument]" (as in WebShop's search[...] and click[...]), forgiving case and whitespace around the
    /// verb. The argument keeps its inner text (trimmed; case preserved for the caller to decide).
    /// </summary>
    public static bool TryParseCall(string? action, out string verb, out string argument)
    {
        verb = argument = string.Empty;
        if (action is null || action.Length > MaxLength)
        {
            return false;
        }

        var text = action.Trim();
        var open = text.IndexOf('[');
        if (open <= 0 || text[^1] != ']')
        {
            return false;
        }

        verb = text[..open].Trim().ToLowerInvariant();
        argument = text[(open + 1)..^1].Trim();
        return verb.Length > 0;
    }

    /// <summary>Why an action was refused, in the words observations use.</summary>
    public static string Describe(string? action) =>
        action is null ? "no action was given"
        : action.Length > MaxLength ? $"the action is {action.Length:N0} characters long (at most {MaxLength})"
        : action.Trim().Length == 0 ? "the action is empty"
        : $"'{Truncate(action.Trim(), 60)}' is not a valid action";

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
