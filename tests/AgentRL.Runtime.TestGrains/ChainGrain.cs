namespace AgentRL.Runtime.TestGrains;

public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Calls this same grain: a non-reentrant grain waiting on itself.</summary>
    Task<string> CallSelf();

    /// <summary>Calls <paramref name="peer"/>, which calls back into this grain.</summary>
    Task<string> CallPeerThatCallsBack(string peer);

    Task<string> CallBack(string caller);

    Task<string> Echo(string text);

    /// <summary>Calls a slow grain with a short timeout, so the timeout names this chain.</summary>
    Task<int> CallSlow(string slowKey, int milliseconds);

    /// <summary>Calls a slow grain with the default timeout.</summary>
    Task<int> CallSleep(string slowKey, int milliseconds);
}

public sealed class ChainGrain : Grain, IChainGrain
{
    public Task<string> CallSelf() => GrainFactory.GetGrain<IChainGrain>(this.GetPrimaryKeyString()).Echo("self");

    public Task<string> CallPeerThatCallsBack(string peer) =>
        GrainFactory.GetGrain<IChainGrain>(peer).CallBack(this.GetPrimaryKeyString());

    public Task<string> CallBack(string caller) => GrainFactory.GetGrain<IChainGrain>(caller).Echo("back");

    public Task<string> Echo(string text) => Task.FromResult(text);

    public Task<int> CallSlow(string slowKey, int milliseconds) =>
        GrainFactory.GetGrain<ISlowGrain>(slowKey).SleepWithShortTimeout(milliseconds);

    public Task<int> CallSleep(string slowKey, int milliseconds) => GrainFactory.GetGrain<ISlowGrain>(slowKey).Sleep(milliseconds);
}
