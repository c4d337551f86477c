using System.Diagnostics;
using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Serialization;
using AgentRL.Runtime.TestGrains;

namespace AgentRL.Runtime.Tests.Networking;

/// <summary>
/// A silo stopping gracefully tells each connected peer it is leaving before it closes: requests it already took are
/// answered, requests that cross the notice are refused unrun (so the caller may send them elsewhere), and the caller
/// closes its end. Nothing is lost in a socket the silo closes under a request.
/// </summary>
public sealed class GracefulLeaveTests
{
    private const byte Request = 1;
    private const byte Leaving = 7;
    private const byte Rejected = 2;

    private static Action<WireWriter> CounterAdd(string key, int amount) => w =>
    {
        w.WriteVarUInt32(GrainTypeRegistry.GetInterface(typeof(ICounterGrain)).Id);
        w.WriteVarUInt32(0);
        w.WriteString(key);
        w.WriteVarUInt64(30_000);
        w.WriteVarInt32(amount);
    };

    [Fact]
    public async Task AStoppingSiloSaysItIsLeavingAndRefusesLaterRequestsUnrun()
    {
        using var folder = new TempDirectory();
        var database = Path.Combine(folder.Path, "silo.db");
        var silo = await TestSilo.StartAsync(database);
        using var raw = await RawConnection.OpenAsync(silo);
        await raw.SendAsync(RawConnection.Frame(Request, 1, CounterAdd("leave", 5)));
        Assert.Equal((1L, (byte)0), (await raw.ReadResponseAsync()) is var (id, status, _) ? (id, status) : default);

        var stopping = silo.StopAsync();
        var (kind, _, notice) = await raw.ReadFrameAsync();
        Assert.Equal(Leaving, kind);
        Assert.Empty(notice);

        // A request sent after the notice: refused with the reason, and never run.
        await raw.SendAsync(RawConnection.Frame(Request, 2, CounterAdd("leave", 1)));
        var (refusedId, refusedStatus, body) = await raw.ReadResponseAsync();
        Assert.Equal((2L, Rejected), (refusedId, refusedStatus));
        Assert.Contains("is leaving", new WireReader(body).ReadString());

        // The silo waits for this end to close (up to a grace period), then finishes stopping.
        var clock = Stopwatch.StartNew();
        raw.Dispose();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"the stop took {clock.Elapsed} after the peer closed");

        await using var restarted = await TestSilo.StartAsync(database);
        Assert.Equal(5, await restarted.Grains.GetGrain<ICounterGrain>("leave").Get());
    }

    [Fact]
    public async Task AClientWhoseOnlyGatewayStopsClosesItsConnectionAndFailsNewCallsAsNotRun()
    {
        var silo = await TestSilo.StartAsync();
        await using var client = await silo.ConnectClientAsync(connectTimeout: TimeSpan.FromSeconds(1));
        var counter = client.Client.GetGrain<ICounterGrain>("alone");
        Assert.Equal(3, await counter.Add(3));

        var clock = Stopwatch.StartNew();
        await silo.StopAsync();

        // The client closed its end when told (the silo did not wait out its grace period for it)...
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"the stop took {clock.Elapsed}");
        Assert.False(client.Client.IsConnected);
        // ...and a new call finds no gateway: it fails as not run, not as a call lost in flight.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => counter.Add(1));
        Assert.IsNotType<TimeoutException>(error);
    }
}
