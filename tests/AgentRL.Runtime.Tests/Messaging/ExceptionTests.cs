using AgentRL.Runtime.TestGrains;

namespace AgentRL.Runtime.Tests.Messaging;

public sealed class ExceptionTests
{
    [Fact]
    public async Task ExceptionsKeepTypeAndMessageAndTheGrainStaysAlive()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IThrowingGrain>("t");

        Assert.Equal("no ops", (await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("invalid-operation", "no ops"))).Message);
        Assert.Equal("bad arg", (await Assert.ThrowsAsync<ArgumentException>(() => grain.Throw("argument", "bad arg"))).Message);
        Assert.Equal("closed", (await Assert.ThrowsAsync<ShopClosedException>(() => grain.Throw("custom", "closed"))).Message);
        Assert.Equal("later", (await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowAfterAwait("later"))).Message);
        Assert.Equal("sync", (await Assert.ThrowsAsync<FormatException>(async () => await grain.ThrowSynchronously("sync"))).Message);

        Assert.Equal(1, await grain.Ping());
        Assert.Equal(2, await grain.Ping());
    }
}
