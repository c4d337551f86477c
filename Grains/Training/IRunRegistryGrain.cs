namespace AgentRL.Grains.Training;

/// <summary>
/// The list of training runs in a cluster (one grain; get it with <see cref="TrainingGrainFactoryExtensions.GetRunRegistry"/>),
/// for listing and for resuming after a restart.
/// </summary>
public interface IRunRegistryGrain : IGrainWithStringKey
{
    Task Register(string runId);

    Task<IReadOnlyList<string>> RunIds();
}
