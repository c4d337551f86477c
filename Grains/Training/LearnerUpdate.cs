namespace AgentRL.Grains.Training;

/// <summary>
/// What one learner update did: the version it published, the update's figures (zeros when nothing carried signal) and
/// the advantage estimator's own diagnostics by name (OPRL: its reward model's pair accuracy and loss).
/// </summary>
[GenerateSerializer]
public sealed record LearnerUpdate(
    [property: Id(0)] int Version,
    [property: Id(1)] int Trained,
    [property: Id(2)] double Loss,
    [property: Id(3)] double KlToReference,
    [property: Id(4)] double Entropy,
    [property: Id(5)] double ClipFraction,
    [property: Id(6)] double Seconds,
    [property: Id(7)] IReadOnlyDictionary<string, double>? Diagnostics = null);
