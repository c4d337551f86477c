namespace AgentRL.Runtime.TestGrains;

public sealed class ShapesGrain : Grain, IShapesGrain
{
    public Task NoResult() => Task.CompletedTask;

    public Task<int> Add(int a, long b) => Task.FromResult(checked((int)(a + b)));

    public async ValueTask<double> Scale(double value, decimal factor)
    {
        await Task.Yield();
        return value * (double)factor;
    }

    public ValueTask Touch() => ValueTask.CompletedTask;

    public Task<int> Negate(int request) => Task.FromResult(-request);

    public Task<string?> Concat(string? a, string? b, char separator) =>
        Task.FromResult(a is null && b is null ? null : $"{a}{separator}{b}");

    public Task<byte[]> Reverse(byte[] bytes) => Task.FromResult(bytes.Reverse().ToArray());

    public Task<Batch> RoundTrip(Batch batch) => Task.FromResult(batch);

    public Task<Observation?> Maybe(bool present) =>
        Task.FromResult(present ? new Observation("you see a key", 0.5f, false, Direction.South) : null);

    public Task<List<GridPoint>> Points(int count) =>
        Task.FromResult(Enumerable.Range(0, count).Select(i => new GridPoint { X = i, Y = -i }).ToList());

    public Task<IReadOnlyDictionary<string, int>> Histogram(IReadOnlyList<string> words) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(words.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count()));

    public Task<int?> NullableSum(int? a, int? b) => Task.FromResult(a + b);

    public Task<Stamp[]> Times(DateTime when, TimeSpan span, DateTimeOffset offset) =>
        Task.FromResult(new[] { new Stamp(this.GetPrimaryKey(), when, span, offset) });

    public Task<Direction> Turn(Direction heading) => Task.FromResult(heading == Direction.North ? Direction.South : Direction.North);

    public Task<int> AddVia(IIntegerShapesGrain other, int a, int b) => other.Add(a, b);

    public Task<IIntegerShapesGrain> Neighbour(long key) => Task.FromResult(GrainFactory.GetGrain<IIntegerShapesGrain>(key));

    public Task<Guid> Key() => Task.FromResult(this.GetPrimaryKey());
}

public sealed class IntegerShapesGrain : Grain, IIntegerShapesGrain
{
    public Task<int> Add(int a, int b) => Task.FromResult(a + b);

    public Task<long> Key() => Task.FromResult(this.GetPrimaryKeyLong());
}
