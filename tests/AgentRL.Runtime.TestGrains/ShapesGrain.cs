namespace AgentRL.Runtime.TestGrains;

public enum Direction : short
{
    North = 1,
    South = -2,
}

[GenerateSerializer]
public sealed record Observation([property: Id(0)] string Text, [property: Id(1)] float Reward, [property: Id(2)] bool Done, [property: Id(3)] Direction Heading);

[GenerateSerializer]
public struct GridPoint
{
    public int X { get; set; }

    public int Y { get; set; }
}

[GenerateSerializer]
public sealed class Batch
{
    public long[] TokenIds { get; init; } = [];

    public float[] LogProbs { get; init; } = [];

    public Dictionary<string, double> Metrics { get; init; } = [];

    public IReadOnlyList<Observation> Observations { get; init; } = [];

    public GridPoint? Origin { get; init; }

    public Batch? Next { get; init; }
}

[GenerateSerializer]
public sealed record Stamp(Guid Key, DateTime When, TimeSpan Span, DateTimeOffset Offset);

/// <summary>One method per call shape and argument kind the wire must carry.</summary>
public interface IShapesGrain : IGrainWithGuidKey
{
    Task NoResult();

    Task<int> Add(int a, long b);

    ValueTask<double> Scale(double value, decimal factor);

    ValueTask Touch();

    Task<string?> Concat(string? a, string? b, char separator);

    /// <summary>A parameter named like the proxy's own local (the generator must not clash with it).</summary>
    Task<int> Negate(int request);

    Task<byte[]> Reverse(byte[] bytes);

    Task<Batch> RoundTrip(Batch batch);

    Task<Observation?> Maybe(bool present);

    Task<List<GridPoint>> Points(int count);

    Task<IReadOnlyDictionary<string, int>> Histogram(IReadOnlyList<string> words);

    Task<int?> NullableSum(int? a, int? b);

    Task<Stamp[]> Times(DateTime when, TimeSpan span, DateTimeOffset offset);

    Task<Direction> Turn(Direction heading);

    /// <summary>Takes a reference to another grain and calls it.</summary>
    Task<int> AddVia(IIntegerShapesGrain other, int a, int b);

    Task<IIntegerShapesGrain> Neighbour(long key);

    Task<Guid> Key();
}

public interface IIntegerShapesGrain : IGrainWithIntegerKey
{
    Task<int> Add(int a, int b);

    Task<long> Key();
}
