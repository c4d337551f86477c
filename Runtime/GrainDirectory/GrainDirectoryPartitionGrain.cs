using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Messaging;
using AgentRL.Runtime.Placement;

namespace AgentRL.Runtime.GrainDirectory;

/// <summary>The message shell of this silo's <see cref="GrainDirectoryPartition"/>; the work is synchronous and quick.</summary>
[Reentrant]
[KeyedBySiloPlacement]
internal sealed class GrainDirectoryPartitionGrain(GrainCallRouter router) : Grain, IGrainDirectoryPartitionGrain
{
    private ClusterGrainDirectory Directory => router.Cluster?.Directory
        ?? throw new InvalidOperationException("This silo is not part of a cluster: it keeps no grain directory.");

    public Task<string> Register(string grainType, string grainKey, string candidate) =>
        Task.FromResult(Directory.RegisterHere(new GrainId(grainType, grainKey), SiloAddress.Parse(candidate)).ToString());

    public Task<string[]> RegisterAll(string[] grainTypes, string[] grainKeys, string[] candidates)
    {
        if (grainTypes.Length != grainKeys.Length || grainKeys.Length != candidates.Length)
        {
            throw new ArgumentException("RegisterAll needs as many grain types, keys and candidates.");
        }

        var holders = new string[grainTypes.Length];
        for (var i = 0; i < holders.Length; i++)
        {
            holders[i] = Directory.RegisterHere(new GrainId(grainTypes[i], grainKeys[i]), SiloAddress.Parse(candidates[i])).ToString();
        }

        return Task.FromResult(holders);
    }

    public Task Unregister(string grainType, string grainKey, string silo)
    {
        Directory.UnregisterHere(new GrainId(grainType, grainKey), SiloAddress.Parse(silo));
        return Task.CompletedTask;
    }
}
