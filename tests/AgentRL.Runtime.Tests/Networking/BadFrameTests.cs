using AgentRL.Runtime.CodeGeneration;
using AgentRL.Runtime.Serialization;
using AgentRL.Runtime.TestGrains;

namespace AgentRL.Runtime.Tests.Networking;

/// <summary>Malformed input on one connection must never take down the silo or other connections.</summary>
public sealed class BadFrameTests : IAsyncLifetime
{
    private const byte Request = 1;
    private TestSilo _silo = null!;
    private TestClient _bystander = null!;

    public async Task InitializeAsync()
    {
        _silo = await TestSilo.StartAsync(settings: new Dictionary<string, string?> { ["AgentRL:Messaging:MaxMessageSize"] = "65536" });
        _bystander = await _silo.ConnectClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _bystander.DisposeAsync();
        await _silo.DisposeAsync();
    }

    private static uint CounterInterfaceId => GrainTypeRegistry.GetInterface(typeof(ICounterGrain)).Id;

    private static Action<WireWriter> CounterAdd(string key, int amount) => w =>
    {
        w.WriteVarUInt32(CounterInterfaceId);
        w.WriteVarUInt32(0);
        w.WriteString(key);
        w.WriteVarUInt64(30_000);
        w.WriteVarInt32(amount);
    };

    [Fact]
    public async Task AWellFormedHandMadeRequestWorks()
    {
        using var raw = await RawConnection.OpenAsync(_silo);
        await raw.SendAsync(RawConnection.Frame(Request, 41, CounterAdd("raw", 5)));

        var (id, status, body) = await raw.ReadResponseAsync();

        Assert.Equal(41, id);
        Assert.Equal(0, status);
        var reader = new WireReader(body);
        Assert.Equal(5, reader.ReadVarInt32());
    }

    [Fact]
    public async Task AnOversizedFrameIsDiscardedWithAnErrorAndTheConnectionKeepsWorking()
    {
        using var raw = await RawConnection.OpenAsync(_silo);
        var oversized = RawConnection.Frame(Request, 7, w => w.WriteBytes(new byte[100_000]));

        await raw.SendAsync(oversized);
        var (id, type, message) = await raw.ReadErrorAsync();

        Assert.Equal(7, id);
        Assert.Equal(typeof(MessageTooLargeException).FullName, type);
        Assert.Contains("at most 65536 bytes", message);
        await raw.SendAsync(RawConnection.Frame(Request, 8, CounterAdd("after-oversize", 2)));
        Assert.Equal((8L, (byte)0), await raw.ReadResponseAsync().ContinueWith(t => (t.Result.CorrelationId, t.Result.Status)));
        await AssertBystanderServed();
    }

    [Fact]
    public async Task TruncatedArgumentsGetAnErrorResponse()
    {
        using var raw = await RawConnection.OpenAsync(_silo);
        await raw.SendAsync(RawConnection.Frame(Request, 9, w =>
        {
            w.WriteVarUInt32(CounterInterfaceId);
            w.WriteVarUInt32(0);
            w.WriteString("truncated");
            w.WriteVarUInt64(30_000);
        }));

        var (id, type, message) = await raw.ReadErrorAsync();

        Assert.Equal(9, id);
        Assert.Equal(typeof(InvalidGrainRequestException).FullName, type);
        Assert.Contains("ICounterGrain.Add do not decode", message);
        await AssertBystanderServed();
    }

    [Fact]
    public async Task UnknownInterfacesMethodsAndBadKeysGetErrorResponses()
    {
        using var raw = await RawConnection.OpenAsync(_silo);
        await raw.SendAsync(RawConnection.Frame(Request, 10, w => { w.WriteVarUInt32(12345); w.WriteVarUInt32(0); w.WriteString("k"); w.WriteVarUInt64(1000); }));
        await raw.SendAsync(RawConnection.Frame(Request, 11, w => { w.WriteVarUInt32(CounterInterfaceId); w.WriteVarUInt32(77); w.WriteString("k"); w.WriteVarUInt64(1000); }));
        await raw.SendAsync(RawConnection.Frame(Request, 12, w =>
        {
            w.WriteVarUInt32(GrainTypeRegistry.GetInterface(typeof(IShapesGrain)).Id);
            w.WriteVarUInt32(0);
            w.WriteString("not-a-guid");
            w.WriteVarUInt64(1000);
        }));

        var errors = new[] { await raw.ReadErrorAsync(), await raw.ReadErrorAsync(), await raw.ReadErrorAsync() }.OrderBy(e => e.CorrelationId).ToArray();

        Assert.All(errors, e => Assert.Equal(typeof(InvalidGrainRequestException).FullName, e.Type));
        Assert.Contains("Unknown grain interface id 12345", errors[0].Message);
        Assert.Contains("has no method with id 77", errors[1].Message);
        Assert.Contains("'not-a-guid' is not a valid Guid key", errors[2].Message);
        await AssertBystanderServed();
    }

    [Fact]
    public async Task GarbageBytesCloseOnlyTheirOwnConnection()
    {
        using var healthy = await RawConnection.OpenAsync(_silo);
        using var raw = await RawConnection.OpenAsync(_silo);
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        garbage[4] = 0xEE; // not a frame kind

        await raw.SendAsync(garbage);

        Assert.True(await raw.IsClosedBySiloAsync(TimeSpan.FromSeconds(5)));
        await healthy.SendAsync(RawConnection.Frame(Request, 1, CounterAdd("healthy", 1)));
        Assert.Equal(0, (await healthy.ReadResponseAsync()).Status);
        await AssertBystanderServed();
    }

    [Fact]
    public async Task AFrameTooShortToHoldAHeaderClosesTheConnection()
    {
        using var raw = await RawConnection.OpenAsync(_silo);
        await raw.SendAsync([2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);

        Assert.True(await raw.IsClosedBySiloAsync(TimeSpan.FromSeconds(5)));
        await AssertBystanderServed();
    }

    [Fact]
    public async Task AClientThatHangsUpMidFrameDoesNotDisturbOthers()
    {
        using (var raw = await RawConnection.OpenAsync(_silo))
        {
            var frame = RawConnection.Frame(Request, 5, CounterAdd("half", 1));
            await raw.SendAsync(frame[..(frame.Length / 2)]);
        }

        await AssertBystanderServed();
    }

    private async Task AssertBystanderServed()
    {
        var grain = _bystander.Client.GetGrain<IIntegerShapesGrain>(Random.Shared.NextInt64(1, 1000));
        Assert.Equal(7, await grain.Add(3, 4));
    }
}
