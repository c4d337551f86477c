using System.Globalization;

namespace AgentRL.Learning.Benchmarks;

/// <summary>"--name value" options with defaults.</summary>
internal sealed class Arguments(string[] args)
{
    public double Get(string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? double.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public int Get(string name, int fallback) => (int)Get(name, (double)fallback);
}
