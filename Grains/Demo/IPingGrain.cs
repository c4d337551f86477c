namespace AgentRL.Grains.Demo;

/// <summary>The smallest possible grain call, for measuring the runtime itself.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}
