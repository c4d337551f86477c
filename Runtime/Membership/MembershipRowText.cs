using System.Globalization;

namespace AgentRL.Runtime.Membership;

/// <summary>
/// How the database tables store a row's lists as text (roles "a,b"; votes "address=ticks;..."), shared so every
/// provider reads what any other wrote. Unreadable text is reported with the row it came from, never guessed at.
/// </summary>
internal static class MembershipRowText
{
    public static string Roles(IReadOnlyList<string> roles) => string.Join(',', roles);

    public static IReadOnlyList<string> ParseRoles(string text) => text.Length == 0 ? [] : text.Split(',');

    public static string Suspicions(IReadOnlyList<SuspicionVote> votes) =>
        string.Join(';', votes.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Suspecter}={v.Time.UtcTicks}")));

    public static IReadOnlyList<SuspicionVote> ParseSuspicions(string text, string address)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var votes = new List<SuspicionVote>();
        foreach (var vote in text.Split(';'))
        {
            var equals = vote.LastIndexOf('=');
            if (equals < 0 || !long.TryParse(vote.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                throw new FormatException($"The membership row of {address} has an unreadable suspicion vote '{vote}'.");
            }

            votes.Add(new SuspicionVote(SiloAddress.Parse(vote[..equals]), new DateTimeOffset(ticks, TimeSpan.Zero)));
        }

        return votes;
    }

    public static SiloStatus Status(long value, string address) =>
        Enum.IsDefined((SiloStatus)value) ? (SiloStatus)value : throw new FormatException($"The membership row of {address} has an unknown status {value}.");

    public static bool IsValidRole(string role) => role.Length > 0 && role.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Role names end up in a comma-separated column and on command lines: keep them to plain words.</summary>
    public static void ValidateRoles(IEnumerable<string> roles)
    {
        foreach (var role in roles)
        {
            if (!IsValidRole(role))
            {
                throw new ArgumentException($"Silo role '{role}' must be letters, digits, '-' or '_'.", nameof(roles));
            }
        }
    }
}
