namespace AgentRL.Grains.Training;

public static class TrainingGrainFactoryExtensions
{
    private const string RegistryKey = "runs";

    public static IRunRegistryGrain GetRunRegistry(this IGrainFactory grains) => grains.GetGrain<IRunRegistryGrain>(RegistryKey);

    public static ITrainingRunGrain GetTrainingRun(this IGrainFactory grains, string runId) => grains.GetGrain<ITrainingRunGrain>(runId);
}
