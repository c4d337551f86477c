using AgentRL.Runtime.Membership;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Hosting;

/// <summary>Rejects option values the runtime cannot work with, at start-up, with the setting's name.</summary>
internal sealed class OptionsValidators :
    IValidateOptions<MessagingOptions>,
    IValidateOptions<GrainCollectionOptions>,
    IValidateOptions<GatewayOptions>,
    IValidateOptions<SiloOptions>,
    IValidateOptions<ClientOptions>,
    IValidateOptions<MembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options) => Check(
        (options.ResponseTimeout > TimeSpan.Zero, $"{MessagingOptions.Section}:ResponseTimeout must be positive."),
        (options.TimeoutSweepPeriod > TimeSpan.Zero, $"{MessagingOptions.Section}:TimeoutSweepPeriod must be positive."),
        (options.MaxMessageSize >= 1024, $"{MessagingOptions.Section}:MaxMessageSize must be at least 1024 bytes."),
        (options.MaxInFlightPerConnection >= 1, $"{MessagingOptions.Section}:MaxInFlightPerConnection must be at least 1."),
        (options.SiloConnectTimeout > TimeSpan.Zero, $"{MessagingOptions.Section}:SiloConnectTimeout must be positive."));

    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options) => Check(
        (options.CollectionAge > TimeSpan.Zero, $"{GrainCollectionOptions.Section}:CollectionAge must be positive."),
        (options.CollectionQuantum > TimeSpan.Zero, $"{GrainCollectionOptions.Section}:CollectionQuantum must be positive."),
        (options.ActivationTimeout > TimeSpan.Zero, $"{GrainCollectionOptions.Section}:ActivationTimeout must be positive."),
        (options.DeactivationTimeout > TimeSpan.Zero, $"{GrainCollectionOptions.Section}:DeactivationTimeout must be positive."));

    public ValidateOptionsResult Validate(string? name, GatewayOptions options) => Check(
        (options.Port is >= 0 and <= 65535, $"{GatewayOptions.Section}:Port must be between 0 and 65535."),
        (System.Net.IPAddress.TryParse(options.ListenAddress, out _), $"{GatewayOptions.Section}:ListenAddress '{options.ListenAddress}' is not an IP address."));

    public ValidateOptionsResult Validate(string? name, SiloOptions options) => Check(
        (!string.IsNullOrWhiteSpace(options.SiloName), $"{SiloOptions.Section}:SiloName must not be empty."),
        (options.ShutdownTimeout >= TimeSpan.Zero, $"{SiloOptions.Section}:ShutdownTimeout must not be negative."),
        (options.Roles.All(MembershipRowText.IsValidRole), $"{SiloOptions.Section}:Roles must be letters, digits, '-' or '_'."));

    public ValidateOptionsResult Validate(string? name, MembershipOptions options) => Check(
        (options.IAmAliveInterval > TimeSpan.Zero, $"{MembershipOptions.Section}:IAmAliveInterval must be positive."),
        (options.TableRefreshInterval > TimeSpan.Zero, $"{MembershipOptions.Section}:TableRefreshInterval must be positive."),
        (options.ProbeInterval > TimeSpan.Zero, $"{MembershipOptions.Section}:ProbeInterval must be positive."),
        (options.ProbeTimeout > TimeSpan.Zero, $"{MembershipOptions.Section}:ProbeTimeout must be positive."),
        (options.VoteExpiration > TimeSpan.Zero, $"{MembershipOptions.Section}:VoteExpiration must be positive."),
        (options.DefunctRowAge > TimeSpan.Zero, $"{MembershipOptions.Section}:DefunctRowAge must be positive."),
        (options.MissedProbesLimit >= 1, $"{MembershipOptions.Section}:MissedProbesLimit must be at least 1."),
        (options.ProbedSilos >= 1, $"{MembershipOptions.Section}:ProbedSilos must be at least 1."),
        (options.VotesForDeath >= 1, $"{MembershipOptions.Section}:VotesForDeath must be at least 1."),
        (options.WriteAttempts >= 1, $"{MembershipOptions.Section}:WriteAttempts must be at least 1."),
        (options.AdvertisedAddress.Length == 0 || System.Net.IPAddress.TryParse(options.AdvertisedAddress, out _),
            $"{MembershipOptions.Section}:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address."));

    public ValidateOptionsResult Validate(string? name, ClientOptions options) => Check(
        (options.Gateways.Count > 0, $"{ClientOptions.Section}:Gateways must name at least one gateway (host:port)."),
        (options.Gateways.All(g => GatewayEndPoints.TryParse(g, out _)), $"{ClientOptions.Section}:Gateways entries must be host:port."),
        (options.ConnectTimeout > TimeSpan.Zero, $"{ClientOptions.Section}:ConnectTimeout must be positive."));

    private static ValidateOptionsResult Check(params (bool Ok, string Failure)[] checks)
    {
        var failures = checks.Where(c => !c.Ok).Select(c => c.Failure).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
