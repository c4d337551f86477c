namespace AgentRL.Runtime.Hosting;

/// <summary>Activation lifetime settings (configuration section "AgentRL:GrainCollection").</summary>
public sealed class GrainCollectionOptions
{
    public const string Section = "AgentRL:GrainCollection";

    /// <summary>An activation idle this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest reading state plus OnActivateAsync may take.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest OnDeactivateAsync may take.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
