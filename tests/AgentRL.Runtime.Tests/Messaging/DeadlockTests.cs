using AgentRL.Runtime.TestGrains;

namespace AgentRL.Runtime.Tests.Messaging;

public sealed class DeadlockTests
{
    [Fact]
    public async Task CallToSelfFailsAtOnceNamingTheChain()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IChainGrain>("me");

        var error = await Assert.ThrowsAsync<GrainDeadlockException>(() => grain.CallSelf().WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Contains("IChainGrain.CallSelf (AgentRL.Runtime.TestGrains.ChainGrain/me) -> IChainGrain.Echo (AgentRL.Runtime.TestGrains.ChainGrain/me)", error.Message);
        Assert.Equal("still alive", await grain.Echo("still alive"));
    }

    [Fact]
    public async Task CallBackThroughAPeerFailsAtOnceNamingTheChain()
    {
        await using var silo = await TestSilo.StartAsync();
        var a = silo.Grains.GetGrain<IChainGrain>("a");

        var error = await Assert.ThrowsAsync<GrainDeadlockException>(() => a.CallPeerThatCallsBack("b").WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Contains("IChainGrain.CallPeerThatCallsBack (AgentRL.Runtime.TestGrains.ChainGrain/a) -> IChainGrain.CallBack (AgentRL.Runtime.TestGrains.ChainGrain/b) -> IChainGrain.Echo (AgentRL.Runtime.TestGrains.ChainGrain/a)", error.Message);
    }

    [Fact]
    public async Task ACallChainWithoutACycleIsNotADeadlock()
    {
        await using var silo = await TestSilo.StartAsync();

        // The default timeout: a first call (activation, JIT) on a loaded machine can take longer than a short one.
        Assert.Equal(10, await silo.Grains.GetGrain<IChainGrain>("c").CallSleep("d", 10));
    }
}
