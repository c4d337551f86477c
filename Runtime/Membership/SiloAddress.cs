using System.Globalization;
using System.Net;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// Where a silo listens and which incarnation it is: a silo that restarts on the same endpoint gets a new
/// <see cref="Generation"/>, so the cluster never mistakes it for the one it declared dead.
/// </summary>
public readonly record struct SiloAddress(string Host, int Port, long Generation) : IComparable<SiloAddress>
{
    public IPEndPoint EndPoint => new(IPAddress.Parse(Host), Port);

    /// <summary>A new incarnation on this endpoint; generations grow with start time, like Orleans's.</summary>
    public static SiloAddress New(IPEndPoint endPoint, TimeProvider time) =>
        new(endPoint.Address.ToString(), endPoint.Port, time.GetUtcNow().ToUnixTimeMilliseconds());

    public bool SameEndPoint(SiloAddress other) => Host == other.Host && Port == other.Port;

    /// <summary>By host (ordinal), port, then generation: the order of the probing ring, the same on every silo.</summary>
    public int CompareTo(SiloAddress other)
    {
        var host = string.CompareOrdinal(Host, other.Host);
        return host != 0 ? host : Port != other.Port ? Port.CompareTo(other.Port) : Generation.CompareTo(other.Generation);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}@{Generation}");

    /// <summary>Reads <c>host:port@generation</c>, as <see cref="ToString"/> writes it.</summary>
    public static SiloAddress Parse(string text)
    {
        var at = text.LastIndexOf('@');
        var colon = at < 0 ? -1 : text.LastIndexOf(':', at);
        if (colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1, at - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !long.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            || !IPAddress.TryParse(text.AsSpan(0, colon), out _))
        {
            throw new FormatException($"'{text}' is not a silo address (host:port@generation).");
        }

        return new SiloAddress(text[..colon], port, generation);
    }
}
