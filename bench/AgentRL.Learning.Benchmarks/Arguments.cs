using System.Globalization;

namespace AgentRL.Learning.Benchmarks;

/// <summary>"--name value" options with defaults, and the words that are not options (after the mode).</summary>
internal sealed class Arguments(string[] args)
{
    public double Get(string name, double fallback) => Text(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public int Get(string name, int fallback) => (int)Get(name, (double)fallback);

    public string Text(string name, string fallback) => Text(name) ?? fallback;

    private string? Text(string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>Arguments after the first that are neither an option's name nor its value.</summary>
    public HashSet<string> Words() =>
        args.Skip(1).Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && !args[i].StartsWith("--", StringComparison.Ordinal)).ToHashSet();
}
