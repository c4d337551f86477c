namespace AgentRL.Grains.Training;

/// <summary>
/// A request for one action: the current observation, the episode's recent turns (as exact tokens), the oldest weight
/// version allowed to answer, and how to sample.
/// </summary>
[GenerateSerializer]
public sealed record ActRequest(
    [property: Id(0)] string Observation,
    [property: Id(1)] IReadOnlyList<PastTurn> History,
    [property: Id(2)] int MinVersion,
    [property: Id(3)] double Temperature,
    [property: Id(4)] int MaxActionTokens);
