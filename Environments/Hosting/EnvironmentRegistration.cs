namespace AgentRL.Environments.Hosting;

/// <summary>One environment a silo can create by name; <paramref name="Source"/> says where it came from (for errors).</summary>
public sealed record EnvironmentRegistration(string Name, Func<IServiceProvider, IEnvironment> Create, string Source);
