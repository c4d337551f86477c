namespace AgentRL.Environments.Hosting;

/// <summary>Where a silo looks for plug-in environments (configuration section "AgentRL:Environments").</summary>
public sealed class EnvironmentPluginOptions
{
    public const string Section = "AgentRL:Environments";

    /// <summary>
    /// A folder of plug-in assemblies (each in its own sub-folder or at the top level). Every public, non-abstract
    /// <see cref="IEnvironment"/> with a public parameterless constructor is registered under its <c>Name</c>.
    /// </summary>
    public string? PluginFolder { get; set; }
}
