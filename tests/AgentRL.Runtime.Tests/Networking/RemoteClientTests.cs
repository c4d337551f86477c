using AgentRL.Runtime.TestGrains;

namespace AgentRL.Runtime.Tests.Networking;

public sealed class RemoteClientTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private TestClient _client = null!;

    private IClusterClient Client => _client.Client;

    public async Task InitializeAsync()
    {
        _silo = await TestSilo.StartAsync(settings: new Dictionary<string, string?> { ["AgentRL:Messaging:MaxMessageSize"] = "65536" });
        _client = await _silo.ConnectClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task EveryCallShapeWorksOverTheNetwork()
    {
        var key = Guid.NewGuid();
        var grain = Client.GetGrain<IShapesGrain>(key);

        await grain.NoResult();
        await grain.Touch();
        Assert.Equal(5, await grain.Add(2, 3L));
        Assert.Equal(7.5, await grain.Scale(3.0, 2.5m));
        Assert.Equal("a|b", await grain.Concat("a", "b", '|'));
        Assert.Null(await grain.Concat(null, null, '-'));
        Assert.Equal(-7, await grain.Negate(7));
        Assert.Equal("é😀-", await grain.Concat("é😀", "", '-'));
        Assert.Equal(new byte[] { 3, 2, 1 }, await grain.Reverse([1, 2, 3]));
        Assert.Null(await grain.Maybe(false));
        Assert.Equal(new Observation("you see a key", 0.5f, false, Direction.South), await grain.Maybe(true));
        Assert.Equal([new GridPoint { X = 0, Y = 0 }, new GridPoint { X = 1, Y = -1 }], await grain.Points(2));
        var histogram = await grain.Histogram(["a", "b", "a"]);
        Assert.Equal(2, histogram["a"]);
        Assert.Equal(1, histogram["b"]);
        Assert.Equal(5, await grain.NullableSum(2, 3));
        Assert.Null(await grain.NullableSum(2, null));
        Assert.Equal(Direction.North, await grain.Turn(Direction.South));
        Assert.Equal(key, await grain.Key());
    }

    [Fact]
    public async Task NestedRecordsArraysAndDictionariesRoundTripExactly()
    {
        var grain = Client.GetGrain<IShapesGrain>(Guid.NewGuid());
        var batch = new Batch
        {
            TokenIds = [1, -2, long.MaxValue, long.MinValue],
            LogProbs = [-0.5f, float.NegativeInfinity, float.Epsilon, float.NaN],
            Metrics = new Dictionary<string, double> { ["loss"] = 1.25, ["kl"] = -0.0 },
            Observations = [new Observation("north", 1f, true, Direction.North)],
            Origin = new GridPoint { X = -3, Y = 4 },
            Next = new Batch { TokenIds = [9] },
        };

        var back = await grain.RoundTrip(batch);

        Assert.Equal(batch.TokenIds, back.TokenIds);
        Assert.Equal(batch.LogProbs.Select(BitConverter.SingleToInt32Bits), back.LogProbs.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(batch.Metrics, back.Metrics);
        Assert.Equal(batch.Observations, back.Observations);
        Assert.Equal(batch.Origin, back.Origin);
        Assert.Equal([9L], back.Next!.TokenIds);
        Assert.Null(back.Next.Next);
        Assert.Null(back.Next.Origin);

        var when = new DateTime(2026, 11, 22, 3, 4, 5, DateTimeKind.Utc);
        var offset = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5));
        var stamp = Assert.Single(await grain.Times(when, TimeSpan.FromMilliseconds(1234.5), offset));
        Assert.Equal(when, stamp.When);
        Assert.Equal(DateTimeKind.Utc, stamp.When.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(1234.5), stamp.Span);
        Assert.Equal(offset, stamp.Offset);
        Assert.Equal(offset.Offset, stamp.Offset.Offset);
    }

    [Fact]
    public async Task GrainReferencesTravelAsArgumentsAndResults()
    {
        var grain = Client.GetGrain<IShapesGrain>(Guid.NewGuid());

        Assert.Equal(9, await grain.AddVia(Client.GetGrain<IIntegerShapesGrain>(7), 4, 5));
        var neighbour = await grain.Neighbour(99);
        Assert.Equal(99L, neighbour.GetPrimaryKeyLong());
        Assert.Equal(99L, await neighbour.Key());
    }

    [Fact]
    public async Task RemoteExceptionsKeepTypeAndMessageAndUnknownTypesKeepTheirName()
    {
        var grain = Client.GetGrain<IThrowingGrain>("remote");

        Assert.Equal("no ops", (await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("invalid-operation", "no ops"))).Message);
        Assert.Equal("missing", (await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.Throw("key-not-found", "missing"))).Message);
        Assert.Equal("sync", (await Assert.ThrowsAsync<FormatException>(async () => await grain.ThrowSynchronously("sync"))).Message);
        var custom = await Assert.ThrowsAsync<RemoteGrainException>(() => grain.Throw("custom", "closed"));
        Assert.Equal(typeof(ShopClosedException).FullName, custom.OriginalTypeName);
        Assert.Equal("closed", custom.OriginalMessage);
        Assert.Contains("ThrowingGrain", custom.StackTrace);
        Assert.Equal(1, await grain.Ping());
    }

    [Fact]
    public async Task RemoteTimeoutsAndCancellationReachTheGrain()
    {
        var slow = Client.GetGrain<ISlowGrain>("remote-slow");

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => slow.SleepWithShortTimeout(5_000));
        Assert.Contains("ISlowGrain.SleepWithShortTimeout", timeout.Message);

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow.WaitUntilCancelled(cancellation.Token));
        await Eventually.TrueAsync(async () => await slow.CancellationsSeen() == 1, "cancel frame reached the grain");
    }

    [Fact]
    public async Task ManyCallsInFlightOnOneConnectionAllGetTheirOwnAnswers()
    {
        var grains = Enumerable.Range(0, 50).Select(i => Client.GetGrain<IIntegerShapesGrain>(i)).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => grains[i % 50].Add(i, 1)));

        Assert.Equal(Enumerable.Range(1, 2000), results);
    }

    [Fact]
    public async Task StateIsSharedBetweenRemoteAndInProcessCallers()
    {
        await Client.GetGrain<ICounterGrain>("shared").Add(3);

        Assert.Equal(3, await _silo.Grains.GetGrain<ICounterGrain>("shared").Get());
    }

    [Fact]
    public async Task OversizedRequestsAreRefusedBeforeSendingAndOversizedResultsBecomeErrors()
    {
        await using var small = await _silo.ConnectClientAsync(m => m.MaxMessageSize = 4096);
        var grain = small.Client.GetGrain<IShapesGrain>(Guid.NewGuid());

        var tooBig = await Assert.ThrowsAsync<MessageTooLargeException>(() => grain.Reverse(new byte[10_000]));
        Assert.Contains("Nothing was sent", tooBig.Message);

        // The silo's limit is 64 KiB: 20,000 points do not fit in the response.
        var result = await Assert.ThrowsAsync<MessageTooLargeException>(() => Client.GetGrain<IShapesGrain>(Guid.NewGuid()).Points(20_000));
        Assert.Contains("limit is 65536 bytes", result.Message);

        Assert.Equal(3, await grain.Add(1, 2));
        Assert.Equal(3, (await Client.GetGrain<IShapesGrain>(Guid.NewGuid()).Points(3)).Count);
    }

    [Fact]
    public async Task CallsFailWithSiloUnavailableOnceTheSiloIsGone()
    {
        await using var silo = await TestSilo.StartAsync();
        await using var client = await silo.ConnectClientAsync(connectTimeout: TimeSpan.FromMilliseconds(500));
        var counter = client.Client.GetGrain<ICounterGrain>("gone");
        Assert.Equal(1, await counter.Add(1));

        await silo.StopAsync();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => counter.Add(1).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(client.Client.IsConnected);
    }
}
