namespace AgentRL.Runtime.GrainDirectory;

/// <summary>One silo's directory partition as the other silos call it; the key is that silo's address.</summary>
internal interface IGrainDirectoryPartitionGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="candidate"/> as the grain's silo unless a live silo holds it; returns the holder.</summary>
    Task<string> Register(string grainType, string grainKey, string candidate);

    /// <summary>The same for many grains at once (a hand-over between owners); returns each grain's holder.</summary>
    Task<string[]> RegisterAll(string[] grainTypes, string[] grainKeys, string[] candidates);

    /// <summary>Forgets the grain's entry if <paramref name="silo"/> still holds it.</summary>
    Task Unregister(string grainType, string grainKey, string silo);
}
