namespace AgentRL.Learning.Exploration;

/// <summary>What offering an episode's visits did to an archive: cells added, cells given a better path, cells evicted.</summary>
[GenerateSerializer]
public readonly record struct OfferOutcome([property: Id(0)] int New, [property: Id(1)] int Improved, [property: Id(2)] int Evicted);
