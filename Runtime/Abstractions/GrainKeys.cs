using System.Globalization;

namespace AgentRL.Runtime;

/// <summary>Canonical string forms of grain keys, shared by references, activations and storage.</summary>
public static class GrainKeys
{
    public static string Format(Guid key) => key.ToString("D");

    public static string Format(long key) => key.ToString(CultureInfo.InvariantCulture);

    public static Guid ParseGuid(string key) => Guid.ParseExact(key, "D");

    public static long ParseLong(string key) => long.Parse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>Checks that <paramref name="key"/> is a canonical key of <paramref name="kind"/>.</summary>
    public static bool IsValid(GrainKeyKind kind, string key) => kind switch
    {
        GrainKeyKind.String => key is not null,
        GrainKeyKind.Guid => Guid.TryParseExact(key, "D", out var g) && Format(g) == key,
        GrainKeyKind.Integer => long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && Format(l) == key,
        _ => false,
    };
}
