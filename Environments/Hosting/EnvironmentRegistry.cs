using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRL.Environments.Hosting;

/// <summary>
/// The environments a silo can create, by name: those registered in the silo builder, then those found in the plug-in
/// folder. Names are unique; a plug-in that reuses a taken name is skipped with an error.
/// </summary>
public sealed partial class EnvironmentRegistry
{
    private readonly Dictionary<string, EnvironmentRegistration> _registrations = new(StringComparer.OrdinalIgnoreCase);
    private readonly IServiceProvider _services;

    public EnvironmentRegistry(IEnumerable<EnvironmentRegistration> registrations, IOptions<EnvironmentPluginOptions> options, IServiceProvider services, ILogger<EnvironmentRegistry> logger)
    {
        _services = services;
        foreach (var registration in registrations)
        {
            if (!_registrations.TryAdd(registration.Name, registration))
            {
                throw new InvalidOperationException(
                    $"Environment '{registration.Name}' is registered twice ({_registrations[registration.Name].Source} and {registration.Source}).");
            }
        }

        if (options.Value.PluginFolder is { Length: > 0 } folder)
        {
            foreach (var registration in EnvironmentPluginLoader.Load(folder, logger))
            {
                if (!_registrations.TryAdd(registration.Name, registration))
                {
                    LogNameTaken(logger, registration.Name, registration.Source, _registrations[registration.Name].Source);
                }
            }
        }
    }

    public IReadOnlyCollection<string> Names => _registrations.Keys;

    public IEnvironment Create(string name) =>
        _registrations.TryGetValue(name, out var registration)
            ? registration.Create(_services)
            : throw new ArgumentException($"Unknown environment '{name}'. This silo has: {string.Join(", ", _registrations.Keys.Order())}.", nameof(name));

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipping environment '{Name}' from {Source}: the name is already taken by {Existing}")]
    private static partial void LogNameTaken(ILogger logger, string name, string source, string existing);
}
