using System.Globalization;
using System.Net;

namespace AgentRL.Runtime.Hosting;

/// <summary>Parses gateway addresses written as "host:port".</summary>
public static class GatewayEndPoints
{
    public static bool TryParse(string text, out DnsEndPoint? endPoint)
    {
        endPoint = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is 0 or > 65535)
        {
            return false;
        }

        endPoint = new DnsEndPoint(text[..colon].Trim('[', ']'), port);
        return true;
    }

    public static DnsEndPoint Parse(string text) =>
        TryParse(text, out var endPoint) ? endPoint! : throw new FormatException($"'{text}' is not a gateway address of the form host:port.");
}
