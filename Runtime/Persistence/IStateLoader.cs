namespace AgentRL.Runtime.Persistence;

/// <summary>A state the runtime reads before the grain's OnActivateAsync.</summary>
internal interface IStateLoader
{
    Task ReadAsync(CancellationToken cancellationToken);
}
