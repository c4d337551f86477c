using AgentRL.Learning.Trajectories;

namespace AgentRL.Grains.Training;

/// <summary>A finished episode; <see cref="Replayed"/> says it was returned from storage rather than played by this call.</summary>
[GenerateSerializer]
public sealed record EpisodeResult([property: Id(0)] string EpisodeId, [property: Id(1)] Trajectory Trajectory, [property: Id(2)] bool Replayed);
